// S3 controls: public access, encryption, versioning.
import type { BuiltRule, ControlDefinition } from "./control.js";

export const s3BucketNotPublic: ControlDefinition = {
  id: "s3.bucket-not-public",
  kind: "aws.s3.bucket",
  title: "S3 buckets are not publicly accessible",
  description:
    "A bucket is public when an ACL grant to AllUsers/AuthenticatedUsers or a bucket policy allowing any principal is not neutralised by Block Public Access at bucket or account level.",
  severity: "critical",
  benchmarks: ["CIS-AWS-2.1.4", "FSBP-S3.2", "FSBP-S3.3", "FSBP-S3.8"],
  words: ["private", "not public", "public", "publicly", "publicly accessible", "public access", "block public access", "public read", "public write", "exposed", "anonymous access", "world readable"],
  build: () => ({
    title: "S3 bucket is not publicly accessible",
    require: { path: "isPublic", op: "eq", value: false },
    remediation: { action: "s3.block-public-access", params: {} },
  }),
};

export const s3BucketEncrypted: ControlDefinition = {
  id: "s3.bucket-encrypted",
  kind: "aws.s3.bucket",
  title: "S3 buckets have default encryption",
  description: "Default server-side encryption is configured (SSE-S3 or SSE-KMS; SSE-KMS with the given key when one is named).",
  severity: "high",
  benchmarks: ["CIS-AWS-2.1.1", "FSBP-S3.4"],
  words: ["encrypted", "encryption", "encrypt", "encryption at rest", "server side encryption", "server-side encryption", "sse", "sse-s3", "sse-kms", "kms", "unencrypted"],
  takes: ["kmsKeyId"],
  build: ({ kmsKeyId }): BuiltRule =>
    kmsKeyId
      ? {
          title: `S3 bucket is encrypted by default with KMS key ${kmsKeyId}`,
          require: {
            all: [
              { path: "encryption.algorithm", op: "eq", value: "aws:kms" },
              { path: "encryption.kmsKeyId", op: "eq", value: kmsKeyId },
            ],
          },
          remediation: { action: "s3.enable-default-encryption", params: { algorithm: "aws:kms", kmsKeyId, bucketKeyEnabled: true } },
        }
      : {
          title: "S3 bucket has default encryption",
          require: { path: "encryption.enabled", op: "eq", value: true },
          remediation: { action: "s3.enable-default-encryption", params: { algorithm: "AES256" } },
        },
};

export const s3BucketVersioning: ControlDefinition = {
  id: "s3.bucket-versioning",
  kind: "aws.s3.bucket",
  title: "S3 buckets have versioning enabled",
  description: "Versioning is Enabled, so overwritten or deleted objects can be recovered.",
  severity: "medium",
  benchmarks: ["FSBP-S3.14"],
  words: ["versioning", "versioned", "object versions", "version history"],
  build: () => ({
    title: "S3 bucket has versioning enabled",
    require: { path: "versioning.status", op: "eq", value: "Enabled" },
    remediation: { action: "s3.enable-versioning", params: {} },
  }),
};

export const s3AccountBlockPublicAccess: ControlDefinition = {
  id: "s3.account-block-public-access",
  kind: "aws.s3.account-public-access-block",
  title: "S3 Block Public Access is on for the account",
  description: "All four Block Public Access flags are set at account level, so no bucket can become public.",
  severity: "high",
  benchmarks: ["CIS-AWS-2.1.4", "FSBP-S3.1"],
  words: ["block public access", "public access block", "account level", "account-level", "not public", "public"],
  build: () => ({
    title: "Account-level S3 Block Public Access is fully on",
    require: {
      all: [
        { path: "effective.blockPublicAcls", op: "eq", value: true },
        { path: "effective.ignorePublicAcls", op: "eq", value: true },
        { path: "effective.blockPublicPolicy", op: "eq", value: true },
        { path: "effective.restrictPublicBuckets", op: "eq", value: true },
      ],
    },
    remediation: { action: "s3.block-account-public-access", params: {} },
  }),
};
