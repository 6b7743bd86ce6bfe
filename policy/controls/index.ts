// The control catalogue: explicit list, one entry per control, grouped by service.
import { namesPattern, tagsAllowedValues, tagsRequired } from "./any-kind.js";
import {
  autoScalingCapacityRebalance, autoScalingElbHealthCheck, autoScalingLaunchTemplate, autoScalingMultiAz, autoScalingMultipleInstanceTypes,
} from "./autoscaling.js";
import { ANY_KIND } from "./control.js";
import type { ControlDefinition } from "./control.js";
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

export type {
  BpaFlag, BuiltRule, ControlDefinition, ControlExamples, ControlParams, DeepPartial, ExamplesSource, ModelResource, TagValuesParam,
} from "./control.js";
export { ANY_KIND, BPA_FLAGS, ControlParamsSchema, TagValuesParamSchema } from "./control.js";
export { DEFAULT_RESTRICTED_PORTS, HIGH_RISK_PORTS } from "./ingress.js";
export { baselineResource, controlExamples, DEFAULT_EXAMPLE_KIND, exampleResources, overlayResource } from "./examples.js";
export type { ExampleResources } from "./examples.js";
export { instantiateControl, ruleIdFor } from "./instantiate.js";

export const CONTROLS: readonly ControlDefinition[] = [
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
  // Any kind
  tagsRequired,
  tagsAllowedValues,
  namesPattern,
] as readonly ControlDefinition[];

export function findControl(id: string): ControlDefinition | undefined {
  return CONTROLS.find((c) => c.id === id);
}

/** The controls that can govern a kind: its own, then the any-kind ones (tags, names). */
export function controlsForKind(kind: string): ControlDefinition[] {
  return [...CONTROLS.filter((c) => c.kind === kind), ...CONTROLS.filter((c) => c.kind === ANY_KIND)];
}
