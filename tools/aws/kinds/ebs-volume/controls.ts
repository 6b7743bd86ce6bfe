// EBS volume controls: encryption at rest.
import type { AwsControl } from "../../controls/aws-control.js";
import type { EbsVolumeModel } from "./model.js";
import type { ModelResource } from "../../../../engine/control.js";
import { ENCRYPTION_WORDS, encryptedWith, encryptionExamples } from "../../controls/encryption.js";

type Volume = ModelResource<typeof EbsVolumeModel>;

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
