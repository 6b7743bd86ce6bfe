// EBS snapshot controls: encryption, and no public restore.
import type { AwsControl } from "../../controls/aws-control.js";
import type { EbsSnapshotModel } from "./model.js";
import type { ModelResource } from "../../../../engine/control.js";
import { ENCRYPTION_WORDS, encryptedWith, encryptionExamples } from "../../controls/encryption.js";

type Snapshot = ModelResource<typeof EbsSnapshotModel>;

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
