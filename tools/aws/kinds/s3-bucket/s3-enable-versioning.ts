// s3.enable-versioning: turns bucket versioning on (MFA delete is left as it is).
import { sdk } from "../../clients.js";
import { z } from "zod";
import { S3BucketModel } from "./model.js";
import type { AutomaticAction } from "../../kind-tools.js";
import { send } from "../../send.js";
import { changeOf, readFields } from "../../actions/common.js";

const { PutBucketVersioningCommand } = sdk.s3;

const NAME = "s3.enable-versioning";
const Params = z.object({}).strict();
const Fields = S3BucketModel.pick({ versioning: true });

export const s3EnableVersioning: AutomaticAction<z.infer<typeof Params>> = {
  name: NAME,
  kind: "aws.s3.bucket",
  title: "Turn on S3 bucket versioning",
  manual: false,
  effect: "tightens",
  permissions: ["s3:PutBucketVersioning"],
  params: Params,
  plan(resource) {
    const { versioning } = readFields(resource, Fields, NAME);
    return changeOf("versioning", { status: versioning.status }, { status: "Enabled" }, `enable versioning on bucket ${resource.id}`);
  },
  async apply(ctx, resource) {
    await send(ctx, ctx.clients.s3(resource.region), new PutBucketVersioningCommand({
      Bucket: resource.id,
      VersioningConfiguration: { Status: "Enabled" },
    }));
  },
};
