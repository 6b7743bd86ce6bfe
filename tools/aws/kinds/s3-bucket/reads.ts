// The per-bucket S3 reads, each through the bucket's own region; "not configured" answers
// become null/empty facts and any other failure is recorded, never thrown.
import { sdk } from "../../clients.js";
import type {
  GetBucketVersioningOutput, Grant, LoggingEnabled, ObjectLockConfiguration,
  PublicAccessBlockConfiguration, ServerSideEncryptionRule, Tag,
} from "@aws-sdk/client-s3";
import type { AwsContext } from "../../context.js";
import { send } from "../../send.js";
import { ReadLog } from "../../collectors/common.js";

const {
  GetBucketAclCommand, GetBucketEncryptionCommand, GetBucketLifecycleConfigurationCommand, GetBucketLoggingCommand,
  GetBucketOwnershipControlsCommand, GetBucketPolicyCommand, GetBucketPolicyStatusCommand, GetBucketTaggingCommand,
  GetBucketVersioningCommand, GetObjectLockConfigurationCommand, GetPublicAccessBlockCommand,
} = sdk.s3;

export interface BucketFacts {
  publicAccessBlock: PublicAccessBlockConfiguration | null;
  grants: Grant[];
  policy: string | null;
  /** GetBucketPolicyStatus.IsPublic; null when there is no policy or it could not be read. */
  policyIsPublic: boolean | null;
  encryptionRules: ServerSideEncryptionRule[] | null;
  versioning: GetBucketVersioningOutput;
  objectOwnership: string | null;
  logging: LoggingEnabled | null;
  lifecycleRules: number;
  objectLock: ObjectLockConfiguration | null;
  tags: Tag[];
}

export interface BucketRead {
  facts: BucketFacts;
  errors: string[];
  /** The bucket was deleted while it was being read. */
  gone: boolean;
}

/** IAM actions behind the reads below. */
export const BUCKET_READ_PERMISSIONS = [
  "s3:GetBucketPublicAccessBlock", "s3:GetBucketAcl", "s3:GetBucketPolicy", "s3:GetBucketPolicyStatus",
  "s3:GetEncryptionConfiguration", "s3:GetBucketVersioning", "s3:GetBucketOwnershipControls",
  "s3:GetBucketLogging", "s3:GetLifecycleConfiguration", "s3:GetBucketObjectLockConfiguration",
  "s3:GetBucketTagging",
] as const;

/** Reads every fact the bucket model needs, concurrently (bounded by the context's limiter). */
export async function readBucket(ctx: AwsContext, bucket: string, region: string): Promise<BucketRead> {
  const client = ctx.clients.s3(region);
  const log = new ReadLog(["NoSuchBucket"]);
  const input = { Bucket: bucket };
  const [publicAccessBlock, grants, policy, policyIsPublic, encryptionRules, versioning, objectOwnership, logging, lifecycleRules, objectLock, tags] =
    await Promise.all([
      log.read(async () => (await send(ctx, client, new GetPublicAccessBlockCommand(input))).PublicAccessBlockConfiguration ?? null,
        ["NoSuchPublicAccessBlockConfiguration"], null),
      log.read(async () => (await send(ctx, client, new GetBucketAclCommand(input))).Grants ?? [], [], []),
      log.read(async () => (await send(ctx, client, new GetBucketPolicyCommand(input))).Policy ?? null, ["NoSuchBucketPolicy"], null),
      log.read(async () => (await send(ctx, client, new GetBucketPolicyStatusCommand(input))).PolicyStatus?.IsPublic ?? null,
        ["NoSuchBucketPolicy"], null),
      log.read(async () => (await send(ctx, client, new GetBucketEncryptionCommand(input))).ServerSideEncryptionConfiguration?.Rules ?? null,
        ["ServerSideEncryptionConfigurationNotFoundError"], null),
      log.read(async (): Promise<GetBucketVersioningOutput> => {
        const { Status, MFADelete } = await send(ctx, client, new GetBucketVersioningCommand(input));
        return { Status, MFADelete };
      }, [], {}),
      log.read(async () => (await send(ctx, client, new GetBucketOwnershipControlsCommand(input))).OwnershipControls?.Rules?.[0]?.ObjectOwnership ?? null,
        ["OwnershipControlsNotFoundError"], null),
      log.read(async () => (await send(ctx, client, new GetBucketLoggingCommand(input))).LoggingEnabled ?? null, [], null),
      log.read(async () => (await send(ctx, client, new GetBucketLifecycleConfigurationCommand(input))).Rules?.length ?? 0,
        ["NoSuchLifecycleConfiguration"], 0),
      log.read(async () => (await send(ctx, client, new GetObjectLockConfigurationCommand(input))).ObjectLockConfiguration ?? null,
        ["ObjectLockConfigurationNotFoundError"], null),
      log.read(async () => (await send(ctx, client, new GetBucketTaggingCommand(input))).TagSet ?? [], ["NoSuchTagSet"], []),
    ]);
  return {
    facts: { publicAccessBlock, grants, policy, policyIsPublic, encryptionRules, versioning, objectOwnership, logging, lifecycleRules, objectLock, tags },
    errors: log.errors,
    gone: log.gone,
  };
}
