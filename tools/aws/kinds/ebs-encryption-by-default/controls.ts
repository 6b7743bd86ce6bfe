// The regional EBS encryption-by-default control.
import type { AwsControl } from "../../controls/aws-control.js";
import type { EbsEncryptionByDefaultModel } from "./model.js";
import type { ModelResource } from "../../../../engine/control.js";
import { ENCRYPTION_WORDS } from "../../controls/encryption.js";

type EncryptionByDefault = ModelResource<typeof EbsEncryptionByDefaultModel>;

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
