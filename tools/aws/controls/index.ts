// AWS's control catalogue: explicit list, one entry per control, grouped by service (the any-kind tag and name controls are the engine's).
import {
  autoScalingCapacityRebalance, autoScalingElbHealthCheck, autoScalingLaunchTemplate, autoScalingMultiAz, autoScalingMultipleInstanceTypes,
} from "./autoscaling.js";
import type { ControlDefinition } from "../../../engine/control.js";
import { ebsEncryptionByDefault, ebsSnapshotEncrypted, ebsSnapshotNotPublic, ebsVolumeEncrypted } from "./ebs.js";
import {
  ec2AttachedVolumesEncrypted, ec2DetailedMonitoring, ec2Hvm, ec2ImdsV2Required, ec2InAutoScalingGroup, ec2InstanceProfile, ec2MaxAge,
  ec2NoInternetExposedPorts, ec2NoPublicIp, ec2StoppedLimit,
} from "./ec2-instance.js";
import {
  efsAccessPointPosixUser, efsAccessPointRootDirectory, efsBackupEnabled, efsEncrypted, efsLifecyclePolicy, efsMultiAz, efsPolicyNoAnyClient,
} from "./efs.js";
import {
  s3AccountBlockPublicAccess, s3BucketAclNoPublicRead, s3BucketAclNoPublicWrite, s3BucketAclsDisabled, s3BucketBlockPublicAccess,
  s3BucketNotPublic, s3BucketPolicyNoCrossAccount, s3BucketPolicyNotPublic, s3BucketSecureTransport,
} from "./s3-access.js";
import {
  s3BucketAccessLogging, s3BucketEncrypted, s3BucketKeyEnabled, s3BucketKmsEncrypted, s3BucketLifecycle, s3BucketMfaDelete, s3BucketObjectLock,
  s3BucketVersioning,
} from "./s3-data.js";
import {
  defaultSecurityGroupClosed, securityGroupHighRiskPorts, securityGroupNoAllPorts, securityGroupNoPublicIngress, securityGroupNotLaunchWizard,
  securityGroupNoWideCidr, securityGroupRuleLimit,
} from "./security-group.js";


export const AWS_CONTROLS: readonly ControlDefinition[] = [
  // S3 buckets: access
  s3BucketNotPublic,
  s3BucketBlockPublicAccess,
  s3BucketAclNoPublicRead,
  s3BucketAclNoPublicWrite,
  s3BucketPolicyNotPublic,
  s3BucketPolicyNoCrossAccount,
  s3BucketSecureTransport,
  s3BucketAclsDisabled,
  // S3 buckets: data protection
  s3BucketEncrypted,
  s3BucketKmsEncrypted,
  s3BucketKeyEnabled,
  s3BucketVersioning,
  s3BucketMfaDelete,
  s3BucketObjectLock,
  s3BucketAccessLogging,
  s3BucketLifecycle,
  // S3 account
  s3AccountBlockPublicAccess,
  // EC2 instances
  ec2ImdsV2Required,
  ec2NoPublicIp,
  ec2InstanceProfile,
  ec2DetailedMonitoring,
  ec2Hvm,
  ec2InAutoScalingGroup,
  ec2MaxAge,
  ec2StoppedLimit,
  ec2AttachedVolumesEncrypted,
  ec2NoInternetExposedPorts,
  // Security groups
  securityGroupNoPublicIngress,
  securityGroupNoAllPorts,
  securityGroupHighRiskPorts,
  defaultSecurityGroupClosed,
  securityGroupNoWideCidr,
  securityGroupNotLaunchWizard,
  securityGroupRuleLimit,
  // EBS
  ebsVolumeEncrypted,
  ebsSnapshotEncrypted,
  ebsSnapshotNotPublic,
  ebsEncryptionByDefault,
  // EFS
  efsEncrypted,
  efsBackupEnabled,
  efsLifecyclePolicy,
  efsMultiAz,
  efsPolicyNoAnyClient,
  efsAccessPointRootDirectory,
  efsAccessPointPosixUser,
  // Auto Scaling groups
  autoScalingMultiAz,
  autoScalingElbHealthCheck,
  autoScalingCapacityRebalance,
  autoScalingLaunchTemplate,
  autoScalingMultipleInstanceTypes,
] as readonly ControlDefinition[];
