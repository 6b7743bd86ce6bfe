// S3 write commands (remediations and drift): each validates like S3, then changes the bucket.
import type {
  Grant,
  PutBucketAclRequest,
  PutBucketEncryptionRequest,
  PutBucketLoggingRequest,
  PutBucketOwnershipControlsRequest,
  PutBucketPolicyRequest,
  PutBucketTaggingRequest,
  PutBucketVersioningRequest,
  PutPublicAccessBlockRequest,
  DeleteBucketPolicyRequest,
} from "@aws-sdk/client-s3";
import { awsError } from "../errors.js";
import { copy } from "../output.js";
import { isPublicPolicy } from "../policy-public.js";
import type { BucketState, PublicAccessBlockState } from "../schema.js";
import { required } from "./common.js";
import { bucketFor, bucketRegion, canonicalId } from "./s3-buckets.js";
import { write } from "./types.js";
import type { HandlerContext, HandlerTable } from "./types.js";

const ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
const AUTHENTICATED_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
const SSE_ALGORITHMS: ReadonlySet<string> = new Set(["AES256", "aws:kms", "aws:kms:dsse"]);
const OBJECT_OWNERSHIP: ReadonlySet<string> = new Set(["BucketOwnerEnforced", "BucketOwnerPreferred", "ObjectWriter"]);

function malformed(): Error {
  return awsError("s3", "MalformedXML", 400, "The XML you provided was not well-formed or did not validate against our published schema");
}

/** A Block Public Access flag as AWS enforces it: on at bucket or account level. */
function blocked(bucket: BucketState, ctx: HandlerContext, flag: keyof PublicAccessBlockState & string): boolean {
  const account = ctx.account.state.s3.accountPublicAccessBlock;
  return bucket.PublicAccessBlock?.[flag] === true || account?.[flag] === true;
}

function cannedGrants(acl: string, ownerId: string): Grant[] {
  const grants: Grant[] = [{ Grantee: { ID: ownerId, Type: "CanonicalUser" }, Permission: "FULL_CONTROL" }];
  const group = (URI: string, Permission: "READ" | "WRITE"): Grant => ({ Grantee: { Type: "Group", URI }, Permission });
  if (acl === "public-read" || acl === "public-read-write") grants.push(group(ALL_USERS, "READ"));
  if (acl === "public-read-write") grants.push(group(ALL_USERS, "WRITE"));
  if (acl === "authenticated-read") grants.push(group(AUTHENTICATED_USERS, "READ"));
  return grants;
}

function putAcl(input: PutBucketAclRequest, ctx: HandlerContext): object {
  const bucket = bucketFor(input, ctx);
  const ownerId = canonicalId(ctx.account.account);
  const grants = input.AccessControlPolicy?.Grants ?? cannedGrants(input.ACL ?? "private", ownerId);
  const isPublic = grants.some((g) => g.Grantee?.URI === ALL_USERS || g.Grantee?.URI === AUTHENTICATED_USERS);
  const enforced = (bucket.OwnershipControls?.Rules ?? []).some((r) => r["ObjectOwnership"] === "BucketOwnerEnforced");
  if (enforced && (isPublic || grants.length > 1)) throw awsError("s3", "AccessControlListNotSupported", 400, "The bucket does not allow ACLs");
  if (isPublic && blocked(bucket, ctx, "BlockPublicAcls")) throw awsError("s3", "AccessDenied", 403, "Access Denied");
  bucket.Acl = { Owner: copy(input.AccessControlPolicy?.Owner ?? { ID: ownerId }), Grants: copy(grants) };
  return {};
}

function putPolicy(input: PutBucketPolicyRequest, ctx: HandlerContext): object {
  const bucket = bucketFor(input, ctx);
  let policy: unknown;
  try {
    policy = JSON.parse(required(ctx, input.Policy, "Policy", "body"));
  } catch {
    policy = undefined;
  }
  if (typeof policy !== "object" || policy === null || Array.isArray(policy)) {
    throw awsError("s3", "MalformedPolicy", 400, "Policies must be valid JSON and the first byte must be '{'");
  }
  const document = policy as Record<string, unknown>;
  if (isPublicPolicy(document) && blocked(bucket, ctx, "BlockPublicPolicy")) throw awsError("s3", "AccessDenied", 403, "Access Denied");
  bucket.Policy = document;
  return {};
}

/** S3 refuses to disable ACLs while the bucket ACL grants anyone but the owner. */
function putOwnershipControls(input: PutBucketOwnershipControlsRequest, ctx: HandlerContext): object {
  const bucket = bucketFor(input, ctx);
  const rules = required(ctx, input.OwnershipControls, "OwnershipControls", "body").Rules ?? [];
  if (rules.length !== 1 || !OBJECT_OWNERSHIP.has(String(rules[0]?.ObjectOwnership))) throw malformed();
  const owner = canonicalId(ctx.account.account);
  const foreign = (bucket.Acl?.Grants ?? []).some((g) => g.Grantee?.ID !== (bucket.Acl?.Owner?.["ID"] ?? owner));
  if (rules[0]?.ObjectOwnership === "BucketOwnerEnforced" && foreign) {
    throw awsError("s3", "InvalidBucketAclWithObjectOwnership", 400, "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting");
  }
  bucket.OwnershipControls = copy<BucketState["OwnershipControls"]>({ Rules: rules });
  return {};
}

/** Logs go to an existing bucket of the same region, or S3 refuses. */
function putLogging(input: PutBucketLoggingRequest, ctx: HandlerContext): object {
  const bucket = bucketFor(input, ctx);
  const enabled = required(ctx, input.BucketLoggingStatus, "BucketLoggingStatus", "body").LoggingEnabled;
  if (enabled) {
    const targetName = required(ctx, enabled.TargetBucket, "TargetBucket", "body");
    const target = ctx.account.lookup.byId("buckets", "Name", targetName) as BucketState | undefined;
    if (!target) throw awsError("s3", "InvalidTargetBucketForLogging", 400, "The target bucket for logging does not exist", { TargetBucket: targetName });
    if (bucketRegion(target, ctx) !== bucketRegion(bucket, ctx)) throw awsError("s3", "CrossLocationLoggingProhibited", 403, "Cross S3 location logging not allowed. ");
  }
  bucket.Logging = enabled ? copy<BucketState["Logging"]>(enabled) : null;
  return {};
}

export const S3_WRITES: HandlerTable = {
  PutPublicAccessBlock: write((input: PutPublicAccessBlockRequest, ctx) => {
    const bucket = bucketFor(input, ctx);
    const config = required(ctx, input.PublicAccessBlockConfiguration, "PublicAccessBlockConfiguration", "body");
    bucket.PublicAccessBlock = {
      BlockPublicAcls: config.BlockPublicAcls ?? false,
      IgnorePublicAcls: config.IgnorePublicAcls ?? false,
      BlockPublicPolicy: config.BlockPublicPolicy ?? false,
      RestrictPublicBuckets: config.RestrictPublicBuckets ?? false,
    };
    return {};
  }),
  DeletePublicAccessBlock: write((input: PutPublicAccessBlockRequest, ctx) => {
    bucketFor(input, ctx).PublicAccessBlock = null;
    return {};
  }),
  PutBucketEncryption: write((input: PutBucketEncryptionRequest, ctx) => {
    const bucket = bucketFor(input, ctx);
    const rules = required(ctx, input.ServerSideEncryptionConfiguration, "ServerSideEncryptionConfiguration", "body").Rules ?? [];
    if (rules.length === 0) throw malformed();
    for (const rule of rules) {
      const algorithm = rule.ApplyServerSideEncryptionByDefault?.SSEAlgorithm;
      if (algorithm !== undefined && !SSE_ALGORITHMS.has(algorithm)) throw malformed();
      if (algorithm === "AES256" && rule.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID) {
        throw awsError("s3", "InvalidArgument", 400, "a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse");
      }
    }
    bucket.Encryption = { Rules: copy<Array<Record<string, unknown>>>(rules) };
    return {};
  }),
  PutBucketVersioning: write((input: PutBucketVersioningRequest, ctx) => {
    const bucket = bucketFor(input, ctx);
    const config = required(ctx, input.VersioningConfiguration, "VersioningConfiguration", "body");
    if (config.Status !== "Enabled" && config.Status !== "Suspended") throw malformed();
    const mfaDelete = config.MFADelete ?? bucket.Versioning?.MFADelete;
    bucket.Versioning = { Status: config.Status, ...(mfaDelete === undefined ? {} : { MFADelete: mfaDelete }) };
    return {};
  }),
  PutBucketAcl: write(putAcl),
  PutBucketPolicy: write(putPolicy),
  DeleteBucketPolicy: write((input: DeleteBucketPolicyRequest, ctx) => {
    bucketFor(input, ctx).Policy = null;
    return {};
  }),
  PutBucketOwnershipControls: write(putOwnershipControls),
  PutBucketLogging: write(putLogging),
  PutBucketTagging: write((input: PutBucketTaggingRequest, ctx) => {
    const bucket = bucketFor(input, ctx);
    bucket.Tags = (required(ctx, input.Tagging, "Tagging", "body").TagSet ?? []).map((t) => ({ Key: t.Key ?? "", Value: t.Value ?? "" }));
    return {};
  }),
};
