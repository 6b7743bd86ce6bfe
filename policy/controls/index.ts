// The control catalogue: explicit list, one entry per control.
import { ebsEncryptionByDefault, ebsVolumeEncrypted, efsBackupEnabled, efsEncrypted } from "./ebs-efs.js";
import { ec2ImdsV2Required, ec2InAutoScalingGroup, securityGroupNoPublicIngress } from "./ec2.js";
import { s3AccountBlockPublicAccess, s3BucketEncrypted, s3BucketNotPublic, s3BucketVersioning } from "./s3.js";
import type { ControlDefinition } from "./control.js";

export type { BuiltRule, ControlDefinition, ControlParams } from "./control.js";
export { DEFAULT_RESTRICTED_PORTS } from "./ec2.js";

export const CONTROLS: readonly ControlDefinition[] = [
  s3BucketNotPublic,
  s3BucketEncrypted,
  s3BucketVersioning,
  s3AccountBlockPublicAccess,
  ec2ImdsV2Required,
  ec2InAutoScalingGroup,
  securityGroupNoPublicIngress,
  ebsVolumeEncrypted,
  ebsEncryptionByDefault,
  efsEncrypted,
  efsBackupEnabled,
];

export function findControl(id: string): ControlDefinition | undefined {
  return CONTROLS.find((c) => c.id === id);
}

export function controlsForKind(kind: string): ControlDefinition[] {
  return CONTROLS.filter((c) => c.kind === kind);
}
