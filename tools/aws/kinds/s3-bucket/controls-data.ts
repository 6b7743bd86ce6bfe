// S3 data-protection controls: default encryption (any, KMS, bucket keys), versioning, MFA delete,
// Object Lock, server access logging and lifecycle rules.
import type { AwsControl } from "../../controls/aws-control.js";
import type { S3BucketModel } from "./model.js";
import type { Condition, RemediationRef } from "../../../../contracts/policy.js";
import type { BuiltRule, ControlDefinition, ModelResource } from "../../../../engine/control.js";

type Bucket = ModelResource<typeof S3BucketModel>;

const KMS_ALGORITHMS = ["aws:kms", "aws:kms:dsse"];
const SSE_S3 = { enabled: true, algorithm: "AES256", kmsKeyId: null, bucketKeyEnabled: false };
const SSE_KMS = { enabled: true, algorithm: "aws:kms", kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/example", bucketKeyEnabled: true };
const NO_ENCRYPTION = { enabled: false, algorithm: null, kmsKeyId: null, bucketKeyEnabled: false };

/** SSE-KMS (or DSSE-KMS), with the named key when there is one. */
function kmsEncrypted(kmsKeyId: string | undefined): Condition {
  const algorithm: Condition = { path: "encryption.algorithm", op: "in", value: KMS_ALGORITHMS };
  return kmsKeyId ? { all: [algorithm, { path: "encryption.kmsKeyId", op: "eq", value: kmsKeyId }] } : algorithm;
}

function kmsRemediation(kmsKeyId: string | undefined): BuiltRule["remediation"] {
  return { action: "s3.enable-default-encryption", params: kmsKeyId ? { algorithm: "aws:kms", kmsKeyId, bucketKeyEnabled: true } : { algorithm: "aws:kms" } };
}

/** Automatic when the target bucket is known; otherwise someone must choose one. */
function loggingRemediation(targetBucket: string | undefined): RemediationRef {
  if (targetBucket) return { action: "s3.enable-access-logging", params: { targetBucket } };
  return { action: "s3.enable-access-logging-manual", params: {} };
}

export const s3BucketEncrypted: AwsControl<Bucket> = {
  id: "s3.bucket-encrypted",
  kind: "aws.s3.bucket",
  title: "S3 buckets have default encryption",
  description: "Default server-side encryption is configured (SSE-S3 or SSE-KMS; SSE-KMS with the given key when one is named).",
  severity: "high",
  benchmarks: ["FSBP-S3.4"],
  words: [
    "encrypted", "encryption", "encrypt", "encryption at rest", "server side encryption", "server-side encryption",
    "sse", "sse-s3", "unencrypted", "encrypted at rest", "default encryption", "encrypted by default",
  ],
  takes: ["kmsKeyId"],
  build: ({ kmsKeyId }): BuiltRule =>
    kmsKeyId
      ? { title: `S3 bucket is encrypted by default with KMS key ${kmsKeyId}`, require: kmsEncrypted(kmsKeyId), remediation: kmsRemediation(kmsKeyId) }
      : {
          title: "S3 bucket has default encryption",
          require: { path: "encryption.enabled", op: "eq", value: true },
          remediation: { action: "s3.enable-default-encryption", params: { algorithm: "AES256" } },
        },
  examples: ({ kmsKeyId }) => ({
    compliant: { encryption: kmsKeyId ? { ...SSE_KMS, kmsKeyId } : SSE_S3 },
    noncompliant: { encryption: kmsKeyId ? { ...SSE_KMS, kmsKeyId: `${kmsKeyId}-other` } : NO_ENCRYPTION },
  }),
};

export const s3BucketKmsEncrypted: AwsControl<Bucket> = {
  id: "s3.bucket-kms-encrypted",
  kind: "aws.s3.bucket",
  title: "S3 buckets are encrypted at rest with AWS KMS keys",
  description: "Default encryption is SSE-KMS or DSSE-KMS (with the given key when one is named); SSE-S3 alone does not meet it.",
  severity: "medium",
  benchmarks: ["FSBP-S3.17"],
  words: [
    "kms encryption", "kms encrypted", "kms-encrypted", "aws kms", "aws:kms", "aws-kms", "customer managed key",
    "customer managed keys", "customer-managed key", "customer-managed keys", "cmk", "dsse-kms",
    "dual-layer encryption", "not sse-s3", "encrypted", "encryption", "encrypt", "encryption at rest",
    "encrypted at rest", "server side encryption", "server-side encryption", "kms", "sse-kms", "kms key", "kms keys",
    "customer managed kms key", "customer managed kms keys", "encrypted with key", "encrypt with key",
    "kms-managed key",
  ],
  takes: ["kmsKeyId"],
  build: ({ kmsKeyId }) => ({
    title: kmsKeyId ? `S3 bucket is encrypted by default with KMS key ${kmsKeyId}` : "S3 bucket is encrypted by default with an AWS KMS key",
    require: kmsEncrypted(kmsKeyId),
    remediation: kmsRemediation(kmsKeyId),
  }),
  examples: ({ kmsKeyId }) => ({
    compliant: { encryption: { ...SSE_KMS, kmsKeyId: kmsKeyId ?? SSE_KMS.kmsKeyId } },
    noncompliant: { encryption: kmsKeyId ? { ...SSE_KMS, kmsKeyId: `${kmsKeyId}-other` } : SSE_S3 },
  }),
};

export const s3BucketKeyEnabled: AwsControl<Bucket> = {
  id: "s3.bucket-key-enabled",
  kind: "aws.s3.bucket",
  title: "S3 buckets encrypted with SSE-KMS use S3 Bucket Keys",
  description: "Buckets whose default encryption is SSE-KMS have S3 Bucket Keys on, cutting KMS requests; other buckets are not applicable (DSSE-KMS does not support them).",
  severity: "low",
  benchmarks: [],
  words: ["bucket key", "s3 bucket key", "bucketkeyenabled", "bucket-level key", "kms request costs", "kms costs"],
  build: () => ({
    title: "S3 bucket uses an S3 Bucket Key for SSE-KMS",
    when: { path: "encryption.algorithm", op: "eq", value: "aws:kms" },
    require: { path: "encryption.bucketKeyEnabled", op: "eq", value: true },
    remediation: { action: "s3.enable-bucket-key", params: {} },
  }),
  examples: { compliant: { encryption: SSE_KMS }, noncompliant: { encryption: { ...SSE_KMS, bucketKeyEnabled: false } } },
};

export const s3BucketVersioning: AwsControl<Bucket> = {
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
  examples: { compliant: { versioning: { status: "Enabled", mfaDelete: false } }, noncompliant: { versioning: { status: "Suspended", mfaDelete: false } } },
};

export const s3BucketMfaDelete: AwsControl<Bucket> = {
  id: "s3.bucket-mfa-delete",
  kind: "aws.s3.bucket",
  title: "S3 buckets have MFA delete enabled",
  description: "Versioning requires MFA to delete object versions or change the versioning state; only the root user can turn it on (manual).",
  severity: "medium",
  benchmarks: ["CIS-AWS-3.0-2.1.2", "FSBP-S3.20"],
  words: [
    "mfa delete", "mfa-delete", "mfadelete", "multi-factor delete", "multi factor delete", "mfa to delete",
    "mfa for deletes", "multi-factor authentication delete", "multi-factor authentication",
    "multi factor authentication", "mfa", "delete object versions", "deleting object versions",
    "object version deletion", "permanent deletion",
  ],
  build: () => ({
    title: "S3 bucket has MFA delete enabled",
    require: { path: "versioning.mfaDelete", op: "eq", value: true },
    remediation: { action: "s3.enable-mfa-delete", params: {} },
  }),
  examples: { compliant: { versioning: { status: "Enabled", mfaDelete: true } }, noncompliant: { versioning: { status: "Enabled", mfaDelete: false } } },
};

export const s3BucketObjectLock: AwsControl<Bucket> = {
  id: "s3.bucket-object-lock",
  kind: "aws.s3.bucket",
  title: "S3 buckets have Object Lock enabled",
  description: "Object Lock (write-once-read-many) protects objects from deletion or overwrite for a retention period; turning it on for an existing bucket is a manual step.",
  severity: "medium",
  benchmarks: ["FSBP-S3.15"],
  words: ["object lock", "object-lock", "objectlock", "worm", "write once read many", "write-once-read-many", "immutable objects", "immutable storage", "immutable backups", "retention lock", "legal hold", "compliance mode", "governance mode"],
  build: () => ({
    title: "S3 bucket has Object Lock enabled",
    require: { path: "objectLock.enabled", op: "eq", value: true },
    remediation: { action: "s3.enable-object-lock", params: {} },
  }),
  examples: { compliant: { objectLock: { enabled: true } }, noncompliant: { objectLock: { enabled: false } } },
};

export const s3BucketAccessLogging: AwsControl<Bucket> = {
  id: "s3.bucket-access-logging",
  kind: "aws.s3.bucket",
  title: "S3 buckets have server access logging enabled",
  description: "Server access logging is on (to the named target bucket when one is given); the fix is automatic only when the intent names the target bucket.",
  severity: "medium",
  benchmarks: ["FSBP-S3.9"],
  words: ["access logging", "access logs", "server access logging", "server access logs", "s3 access logs", "bucket logging", "request logging", "logging", "logged", "audit trail of requests"],
  takes: ["targetBucket"],
  build: ({ targetBucket }) => ({
    title: targetBucket ? `S3 bucket logs server access to ${targetBucket}` : "S3 bucket has server access logging enabled",
    require: targetBucket
      ? { all: [{ path: "logging.enabled", op: "eq", value: true }, { path: "logging.targetBucket", op: "eq", value: targetBucket }] }
      : { path: "logging.enabled", op: "eq", value: true },
    remediation: loggingRemediation(targetBucket),
  }),
  examples: ({ targetBucket }) => ({
    compliant: { logging: { enabled: true, targetBucket: targetBucket ?? "audit-logs" } },
    // With a target named, logging elsewhere does not meet it; without, only "off" fails.
    noncompliant: { logging: targetBucket ? { enabled: true, targetBucket: `${targetBucket}-elsewhere` } : { enabled: false, targetBucket: null } },
  }),
};

export const s3BucketLifecycle: AwsControl<Bucket> = {
  id: "s3.bucket-lifecycle",
  kind: "aws.s3.bucket",
  title: "S3 buckets have lifecycle rules",
  description: "At least one lifecycle rule expires or transitions objects; which rules fit the data is a manual decision.",
  severity: "low",
  benchmarks: ["FSBP-S3.13"],
  words: ["lifecycle", "lifecycle rule", "lifecycle rules", "lifecycle policy", "lifecycle configuration", "expiration", "expire objects", "object expiration", "transition to glacier", "glacier", "data retention", "retention rules"],
  build: () => ({
    title: "S3 bucket has at least one lifecycle rule",
    require: { path: "lifecycle.rules", op: "gte", value: 1 },
    remediation: { action: "s3.add-lifecycle-rules", params: {} },
  }),
  examples: { compliant: { lifecycle: { rules: 2 } }, noncompliant: { lifecycle: { rules: 0 } } },
};
