// Collector for S3 buckets: listed once (ListBuckets is global), each read through its own
// region's client, and normalised to the aws.s3.bucket model.
import { sdk } from "../../clients.js";
import { errorMessage } from "../../../../core/errors.js";
import type { PublicAccessBlockModel } from "./model.js";
import type { Resource } from "../../../../contracts/resource.js";
import type { AwsContext } from "../../context.js";
import type { KindCollector } from "../../kind-tools.js";
import { send } from "../../send.js";
import { isoDate, makeResource, paginate, tagsToRecord } from "../../collectors/common.js";
import { readAccountPublicAccessBlock } from "../s3-account-public-access-block/collector.js";
import { BUCKET_READ_PERMISSIONS, readBucket } from "./reads.js";
import type { BucketFacts } from "./reads.js";
import { analysePolicy } from "../../collectors/s3-policy.js";
import { aclPublicPermissions, decidePublic, effectivePublicAccessBlock, toPublicAccessBlock } from "../../collectors/s3-public.js";

const { GetBucketLocationCommand, ListBucketsCommand } = sdk.s3;

export const S3_BUCKET_KIND = "aws.s3.bucket";

interface ListedBucket {
  name: string;
  creationDate: string | null;
  region: string;
  /** Why the region could not be read (the bucket is then placed in the default region). */
  regionError?: string;
}

/** GetBucketLocation's legacy answers: empty means us-east-1, "EU" means eu-west-1. */
export function regionFromLocation(constraint: string | undefined): string {
  if (constraint === undefined || constraint === "") return "us-east-1";
  return constraint === "EU" ? "eu-west-1" : constraint;
}

async function bucketRegion(ctx: AwsContext, name: string, listed: string | undefined): Promise<Pick<ListedBucket, "region" | "regionError">> {
  if (listed) return { region: listed };
  try {
    const client = ctx.clients.s3(ctx.clients.defaultRegion);
    const out = await send(ctx, client, new GetBucketLocationCommand({ Bucket: name }));
    return { region: regionFromLocation(out.LocationConstraint) };
  } catch (e) {
    return { region: ctx.clients.defaultRegion, regionError: errorMessage(e) };
  }
}

/** Every bucket of the account with its region; `prefix` narrows the listing server-side. */
export async function listBuckets(ctx: AwsContext, prefix?: string): Promise<ListedBucket[]> {
  const client = ctx.clients.s3(ctx.clients.defaultRegion);
  const buckets = await paginate(
    (token) => send(ctx, client, new ListBucketsCommand({ ContinuationToken: token, MaxBuckets: 1000, Prefix: prefix })),
    (page) => page.Buckets,
    (page) => page.ContinuationToken,
  );
  return Promise.all(
    buckets
      .filter((b): b is typeof b & { Name: string } => b.Name !== undefined)
      .map(async (b) => ({ name: b.Name, creationDate: isoDate(b.CreationDate), ...(await bucketRegion(ctx, b.Name, b.BucketRegion)) })),
  );
}

/** The aws.s3.bucket model fields from the raw reads; `accountId` owns the bucket. */
export function bucketModel(facts: BucketFacts, creationDate: string | null, account: PublicAccessBlockModel | null, accountId: string): Record<string, unknown> {
  const publicAccessBlock = toPublicAccessBlock(facts.publicAccessBlock);
  const effective = effectivePublicAccessBlock(publicAccessBlock, account);
  const analysis = facts.policy === null ? null : analysePolicy(facts.policy, accountId);
  const publicPermissions = aclPublicPermissions(facts.grants);
  // AWS's own verdict when we have it; our analysis of the document otherwise.
  const policyPublic = facts.policyIsPublic ?? analysis?.allowsPublic ?? false;
  const isPublicVia = decidePublic({ aclPublicPermissions: publicPermissions, objectOwnership: facts.objectOwnership, policyPublic, effective });
  const sse = facts.encryptionRules?.[0];
  const algorithm = sse?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm ?? null;
  const status = facts.versioning.Status;
  return {
    creationDate,
    publicAccessBlock,
    accountPublicAccessBlock: account,
    effectivePublicAccessBlock: effective,
    acl: { publicPermissions, grants: facts.grants.length },
    policy: {
      present: facts.policy !== null,
      allowsPublic: analysis?.allowsPublic ?? false,
      deniesInsecureTransport: analysis?.deniesInsecureTransport ?? false,
      crossAccount: analysis?.crossAccount ?? false,
    },
    public: isPublicVia,
    isPublic: isPublicVia.viaAcl || isPublicVia.viaPolicy,
    encryption: {
      enabled: algorithm !== null,
      algorithm,
      kmsKeyId: sse?.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID ?? null,
      bucketKeyEnabled: sse?.BucketKeyEnabled === true,
    },
    versioning: { status: status === "Enabled" || status === "Suspended" ? status : "Disabled", mfaDelete: facts.versioning.MFADelete === "Enabled" },
    objectOwnership: facts.objectOwnership,
    logging: { enabled: facts.logging !== null, targetBucket: facts.logging?.TargetBucket ?? null },
    lifecycle: { rules: facts.lifecycleRules },
    objectLock: { enabled: facts.objectLock?.ObjectLockEnabled === "Enabled" },
  };
}

interface AccountBlock {
  value: PublicAccessBlockModel | null;
  error?: string;
}

async function accountBlock(ctx: AwsContext): Promise<AccountBlock> {
  try {
    return { value: await readAccountPublicAccessBlock(ctx) };
  } catch (e) {
    return { value: null, error: `account Block Public Access: ${errorMessage(e)}` };
  }
}

async function collectBucket(ctx: AwsContext, bucket: ListedBucket, account: AccountBlock): Promise<Resource | null> {
  const read = await readBucket(ctx, bucket.name, bucket.region);
  if (read.gone) return null;
  const errors = [bucket.regionError, account.error, ...read.errors].filter((e): e is string => e !== undefined);
  return makeResource(
    { kind: S3_BUCKET_KIND, id: bucket.name, region: bucket.region, account: ctx.account, name: bucket.name, tags: tagsToRecord(read.facts.tags) },
    bucketModel(read.facts, bucket.creationDate, account.value, ctx.account),
    errors,
  );
}

async function collectMany(ctx: AwsContext, regions: readonly string[]): Promise<Resource[]> {
  const wanted = new Set(regions);
  const [buckets, account] = await Promise.all([listBuckets(ctx), accountBlock(ctx)]);
  const resources = await Promise.all(buckets.filter((b) => wanted.has(b.region)).map((b) => collectBucket(ctx, b, account)));
  return resources.filter((r): r is Resource => r !== null);
}

export const s3BucketCollector: KindCollector = {
  kind: S3_BUCKET_KIND,
  permissions: ["s3:ListAllMyBuckets", "s3:GetBucketLocation", "s3:GetAccountPublicAccessBlock", ...BUCKET_READ_PERMISSIONS],
  scope: "regional",
  collect: (ctx, region) => collectMany(ctx, [region]),
  collectMany,
  async collectOne(ctx, id, region) {
    const [listed, account] = await Promise.all([listBuckets(ctx, id), accountBlock(ctx)]);
    const bucket = listed.find((b) => b.name === id);
    return bucket ? collectBucket(ctx, { ...bucket, region: bucket.regionError ? region : bucket.region }, account) : null;
  },
};
