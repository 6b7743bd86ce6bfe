// s3.block-public-access: turns on the bucket's own Block Public Access flags.
import { sdk } from "../../clients.js";
import { z } from "zod";
import { PublicAccessBlockModel } from "./model.js";
import type { Resource } from "../../../../contracts/resource.js";
import { fromPublicAccessBlock } from "../../collectors/s3-public.js";
import type { AutomaticAction } from "../../kind-tools.js";
import { send } from "../../send.js";
import { BlockFlagsParams, desiredBlock, planBlock } from "../../actions/block-flags.js";
import { readFields } from "../../actions/common.js";

const { PutPublicAccessBlockCommand } = sdk.s3;

const NAME = "s3.block-public-access";
const Fields = z.object({ publicAccessBlock: PublicAccessBlockModel.nullable() });
const current = (resource: Resource) => readFields(resource, Fields, NAME).publicAccessBlock;

export const s3BlockPublicAccess: AutomaticAction<BlockFlagsParams> = {
  name: NAME,
  kind: "aws.s3.bucket",
  title: "Turn on S3 Block Public Access for the bucket",
  manual: false,
  effect: "tightens",
  permissions: ["s3:PutBucketPublicAccessBlock"],
  params: BlockFlagsParams,
  plan: (resource, params) => planBlock(current(resource), params, `on bucket ${resource.id}`),
  async apply(ctx, resource, params) {
    await send(ctx, ctx.clients.s3(resource.region), new PutPublicAccessBlockCommand({
      Bucket: resource.id,
      PublicAccessBlockConfiguration: fromPublicAccessBlock(desiredBlock(current(resource), params)),
    }));
  },
};
