// The explicit lists of collectors and remediation actions: every caller looks them up here.
import { ANY_KIND } from "./kind-tools.js";
import type { KindCollector, RemediationAction } from "./kind-tools.js";
import { autoScalingGroupCollector } from "./collectors/autoscaling-group.js";
import { ebsEncryptionByDefaultCollector } from "./collectors/ebs-encryption-by-default.js";
import { ebsSnapshotCollector } from "./collectors/ebs-snapshot.js";
import { ebsVolumeCollector } from "./collectors/ebs-volume.js";
import { ec2InstanceCollector } from "./collectors/ec2-instance.js";
import { ec2SecurityGroupCollector } from "./collectors/ec2-security-group.js";
import { efsAccessPointCollector } from "./collectors/efs-access-point.js";
import { efsFileSystemCollector } from "./collectors/efs-file-system.js";
import { s3AccountPublicAccessBlockCollector } from "./collectors/s3-account.js";
import { s3BucketCollector } from "./collectors/s3-bucket.js";
import { autoscalingEnableCapacityRebalance } from "./actions/autoscaling-enable-capacity-rebalance.js";
import { ebsEnableEncryptionByDefault } from "./actions/ebs-enable-encryption-by-default.js";
import { ebsMakeSnapshotPrivate } from "./actions/ebs-make-snapshot-private.js";
import { ec2EnableDetailedMonitoring } from "./actions/ec2-enable-detailed-monitoring.js";
import { ec2RequireImdsv2 } from "./actions/ec2-require-imdsv2.js";
import { ec2RevokeDefaultGroupRules } from "./actions/ec2-revoke-default-group-rules.js";
import { ec2RevokePublicIngress } from "./actions/ec2-revoke-public-ingress.js";
import { efsEnableBackup } from "./actions/efs-enable-backup.js";
import { efsEnableLifecycle } from "./actions/efs-enable-lifecycle.js";
import { ebsEncryptVolume, ec2AttachToAutoScalingGroup, efsEncryptAtRest } from "./actions/manual.js";
import {
  autoscalingSpreadAzs, autoscalingUseElbHealthCheck, autoscalingUseLaunchTemplate, autoscalingUseMultipleInstanceTypes,
} from "./actions/manual-autoscaling.js";
import {
  ec2AttachInstanceProfile, ec2EncryptAttachedVolumes, ec2RemovePublicIp, ec2ReplaceInstance, ec2RestrictInstanceIngress, ec2RestrictSecurityGroup,
} from "./actions/manual-ec2.js";
import { s3AddLifecycleRules, s3EnableAccessLoggingManual, s3EnableMfaDelete, s3EnableObjectLock, s3RestrictBucketPolicy } from "./actions/manual-s3.js";
import {
  ebsEncryptSnapshot, efsMakeRegional, efsRestrictFileSystemPolicy, efsSetAccessPointRoot, efsSetAccessPointUser,
} from "./actions/manual-storage.js";
import { tagsAddRequiredTags } from "./actions/manual-tags.js";
import { s3BlockAccountPublicAccess } from "./actions/s3-block-account-public-access.js";
import { s3BlockPublicAccess } from "./actions/s3-block-public-access.js";
import { s3DenyInsecureTransport } from "./actions/s3-deny-insecure-transport.js";
import { s3DisableAcls } from "./actions/s3-disable-acls.js";
import { s3EnableAccessLogging } from "./actions/s3-enable-access-logging.js";
import { s3EnableBucketKey } from "./actions/s3-enable-bucket-key.js";
import { s3EnableDefaultEncryption } from "./actions/s3-enable-default-encryption.js";
import { s3EnableVersioning } from "./actions/s3-enable-versioning.js";

export const COLLECTORS: readonly KindCollector[] = [
  s3BucketCollector,
  s3AccountPublicAccessBlockCollector,
  ec2InstanceCollector,
  ec2SecurityGroupCollector,
  ebsVolumeCollector,
  ebsSnapshotCollector,
  ebsEncryptionByDefaultCollector,
  efsFileSystemCollector,
  efsAccessPointCollector,
  autoScalingGroupCollector,
];

/**
 * Every remediation action. Parameters differ per action, so callers validate a policy's
 * params with `action.params.parse(...)` before calling `plan`/`apply`/`guidance`.
 */
export const ACTIONS: readonly RemediationAction[] = [
  // S3
  s3BlockPublicAccess,
  s3EnableDefaultEncryption,
  s3EnableVersioning,
  s3BlockAccountPublicAccess,
  s3DisableAcls,
  s3DenyInsecureTransport,
  s3EnableBucketKey,
  s3EnableAccessLogging,
  s3EnableMfaDelete,
  s3EnableObjectLock,
  s3AddLifecycleRules,
  s3RestrictBucketPolicy,
  s3EnableAccessLoggingManual,
  // EC2
  ec2RequireImdsv2,
  ec2RevokePublicIngress,
  ec2EnableDetailedMonitoring,
  ec2RevokeDefaultGroupRules,
  ec2AttachToAutoScalingGroup,
  ec2RemovePublicIp,
  ec2AttachInstanceProfile,
  ec2ReplaceInstance,
  ec2EncryptAttachedVolumes,
  ec2RestrictInstanceIngress,
  ec2RestrictSecurityGroup,
  // EBS
  ebsEnableEncryptionByDefault,
  ebsEncryptVolume,
  ebsMakeSnapshotPrivate,
  ebsEncryptSnapshot,
  // EFS
  efsEnableBackup,
  efsEnableLifecycle,
  efsEncryptAtRest,
  efsMakeRegional,
  efsRestrictFileSystemPolicy,
  efsSetAccessPointRoot,
  efsSetAccessPointUser,
  // Auto Scaling
  autoscalingEnableCapacityRebalance,
  autoscalingSpreadAzs,
  autoscalingUseElbHealthCheck,
  autoscalingUseLaunchTemplate,
  autoscalingUseMultipleInstanceTypes,
  // Any kind
  tagsAddRequiredTags,
];

export function findCollector(kind: string): KindCollector | undefined {
  return COLLECTORS.find((c) => c.kind === kind);
}

export function findAction(name: string): RemediationAction | undefined {
  return ACTIONS.find((a) => a.name === name);
}

/** The actions that act on a kind, those for any kind ({@link ANY_KIND}) included. */
export function actionsForKind(kind: string): RemediationAction[] {
  return ACTIONS.filter((a) => a.kind === kind || a.kind === ANY_KIND);
}
