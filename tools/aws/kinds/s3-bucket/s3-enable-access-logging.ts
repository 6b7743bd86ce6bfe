// s3.enable-access-logging: turns on S3 server access logging into a named target bucket (which must
// exist in the same region and accept log delivery — S3 refuses the call otherwise).
import { sdk } from "../../clients.js";
import { z } from "zod";
import { S3BucketModel } from "./model.js";
import type { Resource } from "../../../../contracts/resource.js";
import type { AutomaticAction } from "../../kind-tools.js";
import { send } from "../../send.js";
import { readFields } from "../../actions/common.js";

const { PutBucketLoggingCommand } = sdk.s3;

const NAME = "s3.enable-access-logging";
const Params = z
  .object({
    /** Where the logs go; there is no safe default, so a policy must name it. */
    targetBucket: z.string().min(3).max(63),
    /** Key prefix of the log objects; default "<bucket>/". */
    targetPrefix: z.string().max(1024).optional(),
  })
  .strict();
type Params = z.infer<typeof Params>;
const Fields = S3BucketModel.pick({ logging: true });

const prefixFor = (resource: Resource, p: Params): string => p.targetPrefix ?? `${resource.id}/`;

export const s3EnableAccessLogging: AutomaticAction<Params> = {
  name: NAME,
  kind: "aws.s3.bucket",
  title: "Turn on S3 server access logging",
  manual: false,
  effect: "tightens",
  permissions: ["s3:PutBucketLogging"],
  params: Params,
  plan(resource, p) {
    const { logging } = readFields(resource, Fields, NAME);
    // Logging somewhere already meets the control; the action never re-points existing logs.
    if (logging.enabled) return null;
    return {
      before: { logging },
      after: { logging: { enabled: true, targetBucket: p.targetBucket } },
      summary: `log requests to bucket ${resource.id} into s3://${p.targetBucket}/${prefixFor(resource, p)}`,
    };
  },
  async apply(ctx, resource, p) {
    await send(ctx, ctx.clients.s3(resource.region), new PutBucketLoggingCommand({
      Bucket: resource.id,
      BucketLoggingStatus: { LoggingEnabled: { TargetBucket: p.targetBucket, TargetPrefix: prefixFor(resource, p) } },
    }));
  },
};
