// EBS and EFS controls: encryption at rest, encryption by default, backups.
import type { ControlDefinition } from "./control.js";

const ENCRYPTION_WORDS = ["encrypted", "encryption", "encrypt", "encryption at rest", "encrypted at rest", "at rest", "unencrypted", "kms"];

export const ebsVolumeEncrypted: ControlDefinition = {
  id: "ebs.volume-encrypted",
  kind: "aws.ebs.volume",
  title: "EBS volumes are encrypted",
  description: "Encryption of an existing volume is set at creation: failing volumes need an encrypted copy (manual).",
  severity: "high",
  benchmarks: ["FSBP-EC2.3"],
  words: ENCRYPTION_WORDS,
  build: () => ({
    title: "EBS volume is encrypted at rest",
    require: { path: "encrypted", op: "eq", value: true },
    remediation: { action: "ebs.encrypt-volume", params: {} },
  }),
};

export const ebsEncryptionByDefault: ControlDefinition = {
  id: "ebs.encryption-by-default",
  kind: "aws.ebs.encryption-by-default",
  title: "EBS encryption by default is enabled in every region",
  description: "New EBS volumes in the region are encrypted automatically.",
  severity: "medium",
  benchmarks: ["CIS-AWS-2.2.1", "FSBP-EC2.7"],
  words: ["encryption by default", "encrypted by default", "default encryption", "by default", ...ENCRYPTION_WORDS],
  build: () => ({
    title: "EBS encryption by default is enabled",
    require: { path: "enabled", op: "eq", value: true },
    remediation: { action: "ebs.enable-encryption-by-default", params: {} },
  }),
};

export const efsEncrypted: ControlDefinition = {
  id: "efs.encrypted",
  kind: "aws.efs.file-system",
  title: "EFS file systems are encrypted at rest",
  description: "Encryption at rest is set when a file system is created: a failing one must be replaced by an encrypted copy (manual).",
  severity: "high",
  benchmarks: ["CIS-AWS-2.4.1", "FSBP-EFS.1"],
  words: ENCRYPTION_WORDS,
  build: () => ({
    title: "EFS file system is encrypted at rest",
    require: { path: "encrypted", op: "eq", value: true },
    remediation: { action: "efs.encrypt-at-rest", params: {} },
  }),
};

export const efsBackupEnabled: ControlDefinition = {
  id: "efs.backup-enabled",
  kind: "aws.efs.file-system",
  title: "EFS file systems have automatic backups",
  description: "The file system's backup policy is ENABLED (AWS Backup).",
  severity: "medium",
  benchmarks: ["FSBP-EFS.2"],
  words: ["backup", "backups", "backed up", "back up", "aws backup", "backup policy"],
  build: () => ({
    title: "EFS file system has automatic backups enabled",
    require: { path: "backup.enabled", op: "eq", value: true },
    remediation: { action: "efs.enable-backup", params: {} },
  }),
};
