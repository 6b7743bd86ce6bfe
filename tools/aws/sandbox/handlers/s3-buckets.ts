// Finding a bucket the way S3 answers: NoSuchBucket when absent, PermanentRedirect (301) when the
// client's region is not the bucket's.
import { createHash } from "node:crypto";
import { awsError } from "../errors.js";
import type { BucketState } from "../schema.js";
import { required } from "./common.js";
import type { HandlerContext } from "./types.js";

/** The bucket named by `input.Bucket`, checked for existence and region. */
export function bucketFor(input: { Bucket?: string | undefined }, ctx: HandlerContext, anyRegion = false): BucketState {
  const name = required(ctx, input.Bucket, "Bucket", "label");
  const bucket = ctx.account.lookup.byId("buckets", "Name", name) as BucketState | undefined;
  if (!bucket) throw awsError("s3", "NoSuchBucket", 404, "The specified bucket does not exist", { BucketName: name });
  const region = bucketRegion(bucket, ctx);
  if (!anyRegion && region !== ctx.region) {
    throw awsError(
      "s3",
      "PermanentRedirect",
      301,
      "The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.",
      { Endpoint: `${name}.s3.${region}.amazonaws.com`, Bucket: name },
      { "x-amz-bucket-region": region },
    );
  }
  return bucket;
}

export function bucketRegion(bucket: BucketState, ctx: HandlerContext): string {
  return ctx.account.lookup.regionOf("buckets", bucket);
}

/** The account's canonical user id (64 hex digits), stable for an account id. */
export function canonicalId(account: string): string {
  return createHash("sha256").update(`agpm-sandbox:${account}`).digest("hex");
}

/** The error S3 returns when a bucket sub-resource is not configured. */
export function notConfigured(name: string, message: string, bucket: string): Error {
  return awsError("s3", name, 404, message, { BucketName: bucket });
}
