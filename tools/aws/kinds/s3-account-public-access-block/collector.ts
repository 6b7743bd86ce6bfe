// Collector for the account-level S3 Block Public Access setting (id = account id).
import { sdk } from "../../clients.js";
import type { PublicAccessBlockModel } from "../s3-bucket/model.js";
import type { Resource } from "../../../../contracts/resource.js";
import type { AwsContext } from "../../context.js";
import type { KindCollector } from "../../kind-tools.js";
import { isAwsError, send } from "../../send.js";
import { makeResource } from "../../collectors/common.js";
import { NO_BLOCK, toPublicAccessBlock } from "../../collectors/s3-public.js";

const { GetPublicAccessBlockCommand } = sdk.s3control;

export const S3_ACCOUNT_KIND = "aws.s3.account-public-access-block";

/** The account's Block Public Access, or null when none is configured. Other failures throw. */
export async function readAccountPublicAccessBlock(ctx: AwsContext): Promise<PublicAccessBlockModel | null> {
  const client = ctx.clients.s3control(ctx.clients.defaultRegion);
  try {
    const out = await send(ctx, client, new GetPublicAccessBlockCommand({ AccountId: ctx.account }));
    return toPublicAccessBlock(out.PublicAccessBlockConfiguration ?? null);
  } catch (e) {
    if (isAwsError(e, "NoSuchPublicAccessBlockConfiguration")) return null;
    throw e;
  }
}

async function collectAccount(ctx: AwsContext): Promise<Resource> {
  const publicAccessBlock = await readAccountPublicAccessBlock(ctx);
  return makeResource(
    { kind: S3_ACCOUNT_KIND, id: ctx.account, region: ctx.clients.defaultRegion, account: ctx.account, name: null, tags: {} },
    { publicAccessBlock, effective: publicAccessBlock ?? NO_BLOCK },
  );
}

export const s3AccountPublicAccessBlockCollector: KindCollector = {
  kind: S3_ACCOUNT_KIND,
  permissions: ["s3:GetAccountPublicAccessBlock"],
  scope: "account",
  async collect(ctx) {
    return [await collectAccount(ctx)];
  },
  async collectOne(ctx, id) {
    return id === ctx.account ? collectAccount(ctx) : null;
  },
};
