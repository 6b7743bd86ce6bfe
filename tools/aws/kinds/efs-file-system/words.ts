// Polar words of the aws.efs.file-system controls: which name the state a control requires (secure) and which the state it forbids (insecure).
import type { ControlPolarity } from "../../../../engine/domain.js";
import { ENCRYPTION, ENCRYPTING } from "../../words.js";

export const POLARITY: Readonly<Record<string, ControlPolarity>> = {
  "efs.encrypted": { secure: [...ENCRYPTION, "kms"], insecure: ["unencrypted"], also: ENCRYPTING },
  "efs.backup-enabled": { secure: ["backup", "backups", "backed up", "back up", "aws backup", "backup policy"], insecure: [] },
  "efs.lifecycle-policy": { secure: ["lifecycle", "lifecycle policy", "lifecycle management", "infrequent access", "transition to ia", "ia storage class", "storage tiering"], insecure: [] },
  "efs.multi-az": { secure: ["multi-az", "multi az", "multiple availability zones", "multiple azs", "highly available", "high availability", "zone redundant"], insecure: ["one zone", "one-zone", "single az", "single-az", "single availability zone"] },
  "efs.policy-no-any-client": { secure: ["not public"], insecure: ["any client", "any nfs client", "anonymous clients", "open to any client", "public file system", "publicly accessible", "public"], also: { insecure: ["anyone", "everyone", "anonymous"] } },
};
