// The account-level S3 Block Public Access control.
import type { AwsControl } from "../../controls/aws-control.js";
import type { S3AccountPublicAccessBlockModel } from "./model.js";
import type { Condition } from "../../../../contracts/policy.js";
import { BPA_FLAGS } from "../../params.js";
import type { ModelResource } from "../../../../engine/control.js";
import { ALL_ON } from "../s3-bucket/controls-access.js";

type AccountBlock = ModelResource<typeof S3AccountPublicAccessBlockModel>;

export const s3AccountBlockPublicAccess: AwsControl<AccountBlock> = {
  id: "s3.account-block-public-access",
  kind: "aws.s3.account-public-access-block",
  title: "S3 Block Public Access is on for the account",
  description: "All four Block Public Access flags are set at account level, so no bucket can become public.",
  severity: "high",
  benchmarks: ["CIS-AWS-3.0-2.1.4", "FSBP-S3.1"],
  words: ["block public access", "public access block", "account level", "account-level", "not public", "public"],
  build: () => ({
    title: "Account-level S3 Block Public Access is fully on",
    require: { all: BPA_FLAGS.map((f): Condition => ({ path: `effective.${f}`, op: "eq", value: true })) },
    remediation: { action: "s3.block-account-public-access", params: {} },
  }),
  examples: {
    compliant: { publicAccessBlock: ALL_ON, effective: ALL_ON },
    noncompliant: { publicAccessBlock: { ...ALL_ON, blockPublicPolicy: false }, effective: { ...ALL_ON, blockPublicPolicy: false } },
  },
};
