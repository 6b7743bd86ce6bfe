// aws.s3.bucket: an S3 bucket, its access settings, data protection and effective public access.
import { z } from "zod";
import type { KindDefinition } from "../../../../engine/kind.js";
import { rederiveBucket } from "./derive.js";

export const PublicAccessBlockModel = z.object({
  blockPublicAcls: z.boolean(),
  ignorePublicAcls: z.boolean(),
  blockPublicPolicy: z.boolean(),
  restrictPublicBuckets: z.boolean(),
});
export type PublicAccessBlockModel = z.infer<typeof PublicAccessBlockModel>;

export const S3BucketModel = z.object({
  creationDate: z.string().nullable(),
  /** Bucket-level Block Public Access; null when none is configured. */
  publicAccessBlock: PublicAccessBlockModel.nullable(),
  /** Account-level Block Public Access; null when none is configured. */
  accountPublicAccessBlock: PublicAccessBlockModel.nullable(),
  /** What AWS enforces: each flag is on when it is on at bucket or account level. */
  effectivePublicAccessBlock: PublicAccessBlockModel,
  acl: z.object({
    /** Permissions granted to AllUsers or AuthenticatedUsers, e.g. ["READ"]. */
    publicPermissions: z.array(z.string()),
    grants: z.number().int(),
  }),
  policy: z.object({
    present: z.boolean(),
    /** An Allow statement to any principal without a restricting condition. */
    allowsPublic: z.boolean(),
    /** A Deny on aws:SecureTransport = false. */
    deniesInsecureTransport: z.boolean(),
    /**
     * An Allow to a principal naming another AWS account (its id, or an arn:aws:iam::<id>:… /
     * arn:aws:sts::<id>:… principal) without a restricting condition.
     */
    crossAccount: z.boolean(),
  }),
  /** Public as AWS decides it: ACL grants and policy, after Block Public Access. */
  public: z.object({
    viaAcl: z.boolean(),
    viaPolicy: z.boolean(),
  }),
  isPublic: z.boolean(),
  encryption: z.object({
    enabled: z.boolean(),
    /** "AES256" (SSE-S3), "aws:kms", "aws:kms:dsse", or null when not configured. */
    algorithm: z.string().nullable(),
    kmsKeyId: z.string().nullable(),
    bucketKeyEnabled: z.boolean(),
  }),
  versioning: z.object({
    /** "Enabled", "Suspended" or "Disabled" (never enabled). */
    status: z.enum(["Enabled", "Suspended", "Disabled"]),
    mfaDelete: z.boolean(),
  }),
  /** Object Ownership; "BucketOwnerEnforced" means ACLs are disabled. */
  objectOwnership: z.string().nullable(),
  logging: z.object({ enabled: z.boolean(), targetBucket: z.string().nullable() }),
  lifecycle: z.object({ rules: z.number().int() }),
  objectLock: z.object({ enabled: z.boolean() }),
});

export const s3Bucket: KindDefinition = {
  name: "aws.s3.bucket",
  noun: "S3 bucket",
  plural: "S3 buckets",
  service: "s3",
  idField: "bucket name",
  words: ["s3", "bucket", "buckets", "s3 bucket", "storage bucket", "cloud storage", "object storage", "object store", "simple storage service"],
  model: S3BucketModel,
  rederive: rederiveBucket,
};
