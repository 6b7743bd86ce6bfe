// The explicit lists of collectors and remediation actions: every caller looks them up here.
import type { KindCollector, RemediationAction } from "./kind-tools.js";
import { autoScalingGroupCollector } from "./collectors/autoscaling-group.js";
import { ebsEncryptionByDefaultCollector } from "./collectors/ebs-encryption-by-default.js";
import { ebsVolumeCollector } from "./collectors/ebs-volume.js";
import { ec2InstanceCollector } from "./collectors/ec2-instance.js";
import { ec2SecurityGroupCollector } from "./collectors/ec2-security-group.js";
import { efsFileSystemCollector } from "./collectors/efs-file-system.js";
import { s3AccountPublicAccessBlockCollector } from "./collectors/s3-account.js";
import { s3BucketCollector } from "./collectors/s3-bucket.js";
import { ebsEnableEncryptionByDefault } from "./actions/ebs-enable-encryption-by-default.js";
import { ec2RequireImdsv2 } from "./actions/ec2-require-imdsv2.js";
import { ec2RevokePublicIngress } from "./actions/ec2-revoke-public-ingress.js";
import { efsEnableBackup } from "./actions/efs-enable-backup.js";
import { ebsEncryptVolume, ec2AttachToAutoScalingGroup, efsEncryptAtRest } from "./actions/manual.js";
import { s3BlockAccountPublicAccess } from "./actions/s3-block-account-public-access.js";
import { s3BlockPublicAccess } from "./actions/s3-block-public-access.js";
import { s3EnableDefaultEncryption } from "./actions/s3-enable-default-encryption.js";
import { s3EnableVersioning } from "./actions/s3-enable-versioning.js";

export const COLLECTORS: readonly KindCollector[] = [
  s3BucketCollector,
  s3AccountPublicAccessBlockCollector,
  ec2InstanceCollector,
  ec2SecurityGroupCollector,
  ebsVolumeCollector,
  ebsEncryptionByDefaultCollector,
  efsFileSystemCollector,
  autoScalingGroupCollector,
];

/**
 * Every remediation action. Parameters differ per action, so callers validate a policy's
 * params with `action.params.parse(...)` before calling `plan`/`apply`/`guidance`.
 */
export const ACTIONS: readonly RemediationAction[] = [
  s3BlockPublicAccess,
  s3EnableDefaultEncryption,
  s3EnableVersioning,
  s3BlockAccountPublicAccess,
  ec2RequireImdsv2,
  ec2RevokePublicIngress,
  ebsEnableEncryptionByDefault,
  efsEnableBackup,
  efsEncryptAtRest,
  ebsEncryptVolume,
  ec2AttachToAutoScalingGroup,
];

export function findCollector(kind: string): KindCollector | undefined {
  return COLLECTORS.find((c) => c.kind === kind);
}

export function findAction(name: string): RemediationAction | undefined {
  return ACTIONS.find((a) => a.name === name);
}

/** The actions that act on a kind, for the translator's and validator's catalogues. */
export function actionsForKind(kind: string): RemediationAction[] {
  return ACTIONS.filter((a) => a.kind === kind);
}
