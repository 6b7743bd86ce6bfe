// EBS controls: volume and snapshot encryption, public snapshots, encryption by default.
import type { AwsControl } from "./aws-control.js";
import type { EbsEncryptionByDefaultModel } from "../kinds/ebs-encryption-by-default/model.js";
import type { EbsSnapshotModel } from "../kinds/ebs-snapshot/model.js";
import type { EbsVolumeModel } from "../kinds/ebs-volume/model.js";
import type { Condition } from "../../../contracts/policy.js";
import type { ControlDefinition, ControlParams, ModelResource } from "../../../engine/control.js";

type Volume = ModelResource<typeof EbsVolumeModel>;
type Snapshot = ModelResource<typeof EbsSnapshotModel>;
type EncryptionByDefault = ModelResource<typeof EbsEncryptionByDefaultModel>;

export const ENCRYPTION_WORDS = ["encrypted", "encryption", "encrypt", "encryption at rest", "encrypted at rest", "at rest", "unencrypted", "kms"];
const KEY = "arn:aws:kms:eu-west-1:123456789012:key/example";

interface EncryptionOverlay { encrypted?: boolean; kmsKeyId?: string | null }

/** Encrypted with the key (when named) passes; unencrypted, or another key, fails. */
export function encryptionExamples({ kmsKeyId }: ControlParams): { compliant: EncryptionOverlay; noncompliant: EncryptionOverlay } {
  return {
    compliant: { encrypted: true, kmsKeyId: kmsKeyId ?? KEY },
    noncompliant: kmsKeyId ? { encrypted: true, kmsKeyId: `${kmsKeyId}-other` } : { encrypted: false, kmsKeyId: null },
  };
}

/** Encrypted, and with the named key when there is one. */
export function encryptedWith(kmsKeyId: string | undefined): Condition {
  const encrypted: Condition = { path: "encrypted", op: "eq", value: true };
  return kmsKeyId ? { all: [encrypted, { path: "kmsKeyId", op: "eq", value: kmsKeyId }] } : encrypted;
}

export const ebsVolumeEncrypted: AwsControl<Volume> = {
  id: "ebs.volume-encrypted",
  kind: "aws.ebs.volume",
  title: "EBS volumes are encrypted",
  description: "The volume is encrypted at rest (with the given KMS key when one is named). Encryption is set at creation: failing volumes need an encrypted copy (manual).",
  severity: "high",
  benchmarks: ["FSBP-EC2.3"],
  words: ENCRYPTION_WORDS,
  takes: ["kmsKeyId"],
  build: ({ kmsKeyId }) => ({
    title: kmsKeyId ? `EBS volume is encrypted at rest with KMS key ${kmsKeyId}` : "EBS volume is encrypted at rest",
    require: encryptedWith(kmsKeyId),
    remediation: { action: "ebs.encrypt-volume", params: {} },
  }),
  examples: encryptionExamples,
};

export const ebsSnapshotEncrypted: AwsControl<Snapshot> = {
  id: "ebs.snapshot-encrypted",
  kind: "aws.ebs.snapshot",
  title: "EBS snapshots are encrypted",
  description: "The snapshot is encrypted at rest (with the given KMS key when one is named); an unencrypted one is replaced by an encrypted copy (manual).",
  severity: "medium",
  benchmarks: [],
  words: ENCRYPTION_WORDS,
  takes: ["kmsKeyId"],
  build: ({ kmsKeyId }) => ({
    title: kmsKeyId ? `EBS snapshot is encrypted with KMS key ${kmsKeyId}` : "EBS snapshot is encrypted",
    require: encryptedWith(kmsKeyId),
    remediation: { action: "ebs.encrypt-snapshot", params: { ...(kmsKeyId ? { kmsKeyId } : {}) } },
  }),
  examples: encryptionExamples,
};

export const ebsSnapshotNotPublic: AwsControl<Snapshot> = {
  id: "ebs.snapshot-not-public",
  kind: "aws.ebs.snapshot",
  title: "EBS snapshots are not publicly restorable",
  description: "No snapshot grants createVolumePermission to the group \"all\", which lets any AWS account create a volume from it.",
  severity: "critical",
  benchmarks: ["FSBP-EC2.1"],
  words: ["public", "not public", "private", "publicly", "publicly shared", "shared publicly", "publicly restorable", "restorable by anyone", "shared with everyone", "public snapshot", "createvolumepermission", "ebs-snapshot-public-restorable-check"],
  build: () => ({
    title: "EBS snapshot is not publicly restorable",
    require: { path: "public", op: "eq", value: false },
    remediation: { action: "ebs.make-snapshot-private", params: {} },
  }),
  examples: { compliant: { public: false }, noncompliant: { public: true } },
};

export const ebsEncryptionByDefault: AwsControl<EncryptionByDefault> = {
  id: "ebs.encryption-by-default",
  kind: "aws.ebs.encryption-by-default",
  title: "EBS encryption by default is enabled in every region",
  description: "New EBS volumes in the region are encrypted automatically.",
  severity: "medium",
  benchmarks: ["CIS-AWS-3.0-2.2.1", "FSBP-EC2.7"],
  words: ["encryption by default", "encrypted by default", "default encryption", "by default", ...ENCRYPTION_WORDS],
  build: () => ({
    title: "EBS encryption by default is enabled",
    require: { path: "enabled", op: "eq", value: true },
    remediation: { action: "ebs.enable-encryption-by-default", params: {} },
  }),
  examples: { compliant: { enabled: true }, noncompliant: { enabled: false } },
};
