// S3 read commands: ListBuckets (global) and the per-bucket Get* configuration calls, with the
// "not configured" errors S3 returns for each.
import type {
  Bucket,
  GetBucketAclOutput,
  GetBucketAclRequest,
  GetBucketEncryptionOutput,
  GetBucketLifecycleConfigurationOutput,
  GetBucketLocationOutput,
  GetBucketLoggingOutput,
  GetBucketOwnershipControlsOutput,
  GetBucketPolicyOutput,
  GetBucketPolicyStatusOutput,
  GetBucketTaggingOutput,
  GetBucketVersioningOutput,
  GetObjectLockConfigurationOutput,
  GetPublicAccessBlockOutput,
  HeadBucketOutput,
  ListBucketsOutput,
  ListBucketsRequest,
  BucketLocationConstraint,
  ServerSideEncryptionConfiguration,
  LoggingEnabled,
  OwnershipControls,
  ObjectLockConfiguration,
  Tag,
  PublicAccessBlockConfiguration,
} from "@aws-sdk/client-s3";
import { awsError } from "../errors.js";
import { copy, toOutput } from "../output.js";
import { isPublicPolicy } from "../policy-public.js";
import type { BucketState } from "../schema.js";
import { checkRange, pageOf } from "./common.js";
import { S3_WRITES } from "./s3-writes.js";
import { bucketFor, bucketRegion, canonicalId, notConfigured } from "./s3-buckets.js";
import { read } from "./types.js";
import type { HandlerContext, HandlerTable } from "./types.js";

type BucketInput = GetBucketAclRequest;

/** A Get* call on a bucket sub-resource: found bucket in, output out. */
function bucketGet<O extends object>(answer: (bucket: BucketState, ctx: HandlerContext) => O, anyRegion = false) {
  return read((input: BucketInput, ctx) => answer(bucketFor(input, ctx, anyRegion), ctx));
}

function listBuckets(input: ListBucketsRequest, ctx: HandlerContext): ListBucketsOutput {
  checkRange(ctx, "MaxBuckets", input.MaxBuckets, 1, 10_000);
  const matching = ctx.account.state.s3.buckets
    .filter((b) => (input.Prefix === undefined || b.Name.startsWith(input.Prefix)) && (input.BucketRegion === undefined || bucketRegion(b, ctx) === input.BucketRegion))
    .sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));
  const page = pageOf(matching, input.ContinuationToken, input.MaxBuckets, () => awsError("s3", "InvalidArgument", 400, "The continuation token provided is incorrect"));
  const buckets = page.items.map((b): Bucket => ({
    Name: b.Name,
    ...(b.CreationDate === undefined ? {} : { CreationDate: new Date(b.CreationDate) }),
    BucketRegion: bucketRegion(b, ctx),
    BucketArn: `arn:aws:s3:::${b.Name}`,
  }));
  return {
    Buckets: buckets,
    Owner: { ID: canonicalId(ctx.account.account) },
    ...(page.next === undefined ? {} : { ContinuationToken: page.next }),
    ...(input.Prefix === undefined ? {} : { Prefix: input.Prefix }),
  };
}

function defaultAcl(ctx: HandlerContext): GetBucketAclOutput {
  const owner = { ID: canonicalId(ctx.account.account) };
  return { Owner: owner, Grants: [{ Grantee: { ...owner, Type: "CanonicalUser" }, Permission: "FULL_CONTROL" }] };
}

function policyOf(bucket: BucketState): Record<string, unknown> {
  if (!bucket.Policy) throw notConfigured("NoSuchBucketPolicy", "The bucket policy does not exist", bucket.Name);
  return bucket.Policy;
}

const S3_READS: HandlerTable = {
  ListBuckets: read(listBuckets),
  HeadBucket: read((input: BucketInput, ctx): HeadBucketOutput => {
    // HEAD responses have no body, so the SDK names a missing bucket by its status: NotFound.
    if (input.Bucket && !ctx.account.lookup.byId("buckets", "Name", input.Bucket)) throw awsError("s3", "NotFound", 404, "Not Found");
    const bucket = bucketFor(input, ctx);
    return { BucketRegion: bucketRegion(bucket, ctx), BucketArn: `arn:aws:s3:::${bucket.Name}` };
  }),
  // S3 answers GetBucketLocation from any region: it is how callers discover a bucket's region.
  GetBucketLocation: bucketGet((b, ctx): GetBucketLocationOutput => {
    const region = bucketRegion(b, ctx);
    return region === "us-east-1" ? {} : { LocationConstraint: region as BucketLocationConstraint };
  }, true),
  GetPublicAccessBlock: bucketGet((b): GetPublicAccessBlockOutput => {
    if (!b.PublicAccessBlock) throw notConfigured("NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found", b.Name);
    return { PublicAccessBlockConfiguration: copy<PublicAccessBlockConfiguration>(b.PublicAccessBlock) };
  }),
  GetBucketPolicyStatus: bucketGet((b): GetBucketPolicyStatusOutput => ({ PolicyStatus: { IsPublic: isPublicPolicy(policyOf(b)) } })),
  GetBucketPolicy: bucketGet((b): GetBucketPolicyOutput => ({ Policy: JSON.stringify(policyOf(b)) })),
  GetBucketEncryption: bucketGet((b): GetBucketEncryptionOutput => {
    if (!b.Encryption) throw notConfigured("ServerSideEncryptionConfigurationNotFoundError", "The server side encryption configuration was not found", b.Name);
    return { ServerSideEncryptionConfiguration: copy<ServerSideEncryptionConfiguration>(b.Encryption) };
  }),
  GetBucketVersioning: bucketGet((b): GetBucketVersioningOutput => copy<GetBucketVersioningOutput>(b.Versioning ?? {})),
  GetBucketAcl: bucketGet((b, ctx): GetBucketAclOutput => (b.Acl ? copy<GetBucketAclOutput>(b.Acl) : defaultAcl(ctx))),
  GetBucketOwnershipControls: bucketGet((b): GetBucketOwnershipControlsOutput => {
    if (!b.OwnershipControls) throw notConfigured("OwnershipControlsNotFoundError", "The bucket ownership controls were not found", b.Name);
    return { OwnershipControls: copy<OwnershipControls>(b.OwnershipControls) };
  }),
  GetBucketLogging: bucketGet((b): GetBucketLoggingOutput => (b.Logging ? { LoggingEnabled: copy<LoggingEnabled>(b.Logging) } : {})),
  GetBucketLifecycleConfiguration: bucketGet((b): GetBucketLifecycleConfigurationOutput => {
    if (!b.Lifecycle) throw notConfigured("NoSuchLifecycleConfiguration", "The lifecycle configuration does not exist", b.Name);
    return toOutput<GetBucketLifecycleConfigurationOutput>(b.Lifecycle, "lifecycle");
  }),
  GetObjectLockConfiguration: bucketGet((b): GetObjectLockConfigurationOutput => {
    if (!b.ObjectLock) throw notConfigured("ObjectLockConfigurationNotFoundError", "Object Lock configuration does not exist for this bucket", b.Name);
    return { ObjectLockConfiguration: copy<ObjectLockConfiguration>(b.ObjectLock) };
  }),
  GetBucketTagging: bucketGet((b): GetBucketTaggingOutput => {
    if (!b.Tags || b.Tags.length === 0) throw notConfigured("NoSuchTagSet", "The TagSet does not exist", b.Name);
    return { TagSet: copy<Tag[]>(b.Tags) };
  }),
};

export const S3_HANDLERS: HandlerTable = { ...S3_READS, ...S3_WRITES };
