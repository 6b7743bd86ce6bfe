// S3 Control: the account-level Block Public Access setting (the caller must name our account).
import type {
  DeletePublicAccessBlockRequest,
  GetPublicAccessBlockOutput,
  GetPublicAccessBlockRequest,
  PublicAccessBlockConfiguration,
  PutPublicAccessBlockRequest,
} from "@aws-sdk/client-s3-control";
import { awsError } from "../errors.js";
import { copy } from "../output.js";
import { required } from "./common.js";
import { read, write } from "./types.js";
import type { HandlerContext, HandlerTable } from "./types.js";

function checkAccount(input: { AccountId?: string | undefined }, ctx: HandlerContext): void {
  const id = required(ctx, input.AccountId, "AccountId", "label");
  if (id !== ctx.account.account) throw awsError("s3control", "AccessDenied", 403, "Access Denied");
}

export const S3CONTROL_HANDLERS: HandlerTable = {
  GetPublicAccessBlock: read((input: GetPublicAccessBlockRequest, ctx): GetPublicAccessBlockOutput => {
    checkAccount(input, ctx);
    const config = ctx.account.state.s3.accountPublicAccessBlock;
    if (!config) {
      throw awsError("s3control", "NoSuchPublicAccessBlockConfiguration", 404, "The public access block configuration was not found", { AccountId: input.AccountId });
    }
    return { PublicAccessBlockConfiguration: copy<PublicAccessBlockConfiguration>(config) };
  }),
  PutPublicAccessBlock: write((input: PutPublicAccessBlockRequest, ctx) => {
    checkAccount(input, ctx);
    const config = required(ctx, input.PublicAccessBlockConfiguration, "PublicAccessBlockConfiguration", "body");
    ctx.account.state.s3.accountPublicAccessBlock = {
      BlockPublicAcls: config.BlockPublicAcls ?? false,
      IgnorePublicAcls: config.IgnorePublicAcls ?? false,
      BlockPublicPolicy: config.BlockPublicPolicy ?? false,
      RestrictPublicBuckets: config.RestrictPublicBuckets ?? false,
    };
    return {};
  }),
  DeletePublicAccessBlock: write((input: DeletePublicAccessBlockRequest, ctx) => {
    checkAccount(input, ctx);
    ctx.account.state.s3.accountPublicAccessBlock = null;
    return {};
  }),
};
