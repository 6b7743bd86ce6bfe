// s3.block-account-public-access: turns on Block Public Access for the whole account (s3control).
import { sdk } from "../../clients.js";
import { z } from "zod";
import { PublicAccessBlockModel } from "../s3-bucket/model.js";
import type { Resource } from "../../../../contracts/resource.js";
import { fromPublicAccessBlock } from "../../collectors/s3-public.js";
import type { AutomaticAction } from "../../kind-tools.js";
import { send } from "../../send.js";
import { BlockFlagsParams, desiredBlock, planBlock } from "../../actions/block-flags.js";
import { readFields } from "../../actions/common.js";

const { PutPublicAccessBlockCommand } = sdk.s3control;

const NAME = "s3.block-account-public-access";
const Fields = z.object({ publicAccessBlock: PublicAccessBlockModel.nullable() });
const current = (resource: Resource) => readFields(resource, Fields, NAME).publicAccessBlock;

export const s3BlockAccountPublicAccess: AutomaticAction<BlockFlagsParams> = {
  name: NAME,
  kind: "aws.s3.account-public-access-block",
  title: "Turn on S3 Block Public Access for the account",
  manual: false,
  effect: "tightens",
  permissions: ["s3:PutAccountPublicAccessBlock"],
  params: BlockFlagsParams,
  plan: (resource, params) => planBlock(current(resource), params, `for account ${resource.id}`),
  async apply(ctx, resource, params) {
    await send(ctx, ctx.clients.s3control(ctx.clients.defaultRegion), new PutPublicAccessBlockCommand({
      AccountId: resource.id,
      PublicAccessBlockConfiguration: fromPublicAccessBlock(desiredBlock(current(resource), params)),
    }));
  },
};
