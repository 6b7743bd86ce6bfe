// EFS file system controls: encryption, backup, lifecycle, zones and the file-system policy.
import type { AwsControl } from "../../controls/aws-control.js";
import type { EfsFileSystemModel } from "./model.js";
import type { ModelResource } from "../../../../engine/control.js";
import { encryptedWith, encryptionExamples, ENCRYPTION_WORDS } from "../../controls/encryption.js";

type FileSystem = ModelResource<typeof EfsFileSystemModel>;

export const DEFAULT_IA_DAYS = 30;

export const efsEncrypted: AwsControl<FileSystem> = {
  id: "efs.encrypted",
  kind: "aws.efs.file-system",
  title: "EFS file systems are encrypted at rest",
  description: "The file system is encrypted at rest (with the given KMS key when one is named). Encryption is set at creation: a failing one must be replaced by an encrypted copy (manual).",
  severity: "high",
  benchmarks: ["CIS-AWS-3.0-2.4.1", "FSBP-EFS.1"],
  words: ENCRYPTION_WORDS,
  takes: ["kmsKeyId"],
  build: ({ kmsKeyId }) => ({
    title: kmsKeyId ? `EFS file system is encrypted at rest with KMS key ${kmsKeyId}` : "EFS file system is encrypted at rest",
    require: encryptedWith(kmsKeyId),
    remediation: { action: "efs.encrypt-at-rest", params: {} },
  }),
  examples: encryptionExamples,
};

export const efsBackupEnabled: AwsControl<FileSystem> = {
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
  examples: { compliant: { backup: { enabled: true, status: "ENABLED" } }, noncompliant: { backup: { enabled: false, status: "DISABLED" } } },
};

export const efsLifecyclePolicy: AwsControl<FileSystem> = {
  id: "efs.lifecycle-policy",
  kind: "aws.efs.file-system",
  title: "EFS file systems move cold files to Infrequent Access",
  description: `A lifecycle policy transitions files to the Infrequent Access storage class; the fix sets TransitionToIA after the given days (${DEFAULT_IA_DAYS} by default).`,
  severity: "low",
  benchmarks: [],
  words: ["lifecycle", "lifecycle policy", "lifecycle management", "infrequent access", "transition to ia", "transitiontoia", "ia storage class", "efs ia", "storage tiering", "cold files", "cold data"],
  takes: ["days"],
  build: ({ days = DEFAULT_IA_DAYS }) => ({
    title: "EFS file system has a lifecycle policy to Infrequent Access",
    require: { path: "lifecyclePolicies", some: { path: "@", op: "matches", value: "^TransitionToIA:" } },
    remediation: { action: "efs.enable-lifecycle", params: { days } },
  }),
  // The days only shape the fix: any transition to IA meets the control.
  examples: () => ({
    compliant: { lifecyclePolicies: ["TransitionToIA:AFTER_30_DAYS", "TransitionToPrimaryStorageClass:AFTER_1_ACCESS"] },
    noncompliant: { lifecyclePolicies: ["TransitionToPrimaryStorageClass:AFTER_1_ACCESS"] },
  }),
};

export const efsMultiAz: AwsControl<FileSystem> = {
  id: "efs.multi-az",
  kind: "aws.efs.file-system",
  title: "EFS file systems are Regional (Multi-AZ), not One Zone",
  description: "The file system stores data redundantly across Availability Zones; a One Zone file system must be replaced by a Regional one (manual).",
  severity: "medium",
  benchmarks: [],
  words: ["multi-az", "multi az", "multiple availability zones", "multiple azs", "regional", "one zone", "one-zone", "single az", "single-az", "single availability zone", "highly available", "high availability", "zone redundant"],
  build: () => ({
    title: "EFS file system is Regional (Multi-AZ)",
    require: { path: "oneZone", op: "eq", value: false },
    remediation: { action: "efs.make-regional", params: {} },
  }),
  examples: {
    compliant: { oneZone: false, availabilityZoneName: null },
    noncompliant: { oneZone: true, availabilityZoneName: "eu-west-1a" },
  },
};

export const efsPolicyNoAnyClient: AwsControl<FileSystem> = {
  id: "efs.policy-no-any-client",
  kind: "aws.efs.file-system",
  title: "EFS file systems have a policy that does not admit any client",
  description: "A file-system policy exists and has no unconditioned Allow to every principal; without a policy EFS lets any client that reaches a mount target in. Writing the policy is manual.",
  severity: "high",
  benchmarks: [],
  words: ["any client", "any nfs client", "anonymous clients", "anonymous access", "file system policy", "file-system policy", "filesystem policy", "resource policy", "open to any client", "public file system", "publicly accessible", "not public", "public"],
  build: () => ({
    title: "EFS file system has a policy that does not admit any client",
    require: { all: [{ path: "fileSystemPolicy.present", op: "eq", value: true }, { path: "fileSystemPolicy.allowsAnyClient", op: "eq", value: false }] },
    remediation: { action: "efs.restrict-file-system-policy", params: {} },
  }),
  examples: {
    compliant: { fileSystemPolicy: { present: true, allowsAnyClient: false } },
    noncompliant: { fileSystemPolicy: { present: true, allowsAnyClient: true } },
  },
};
