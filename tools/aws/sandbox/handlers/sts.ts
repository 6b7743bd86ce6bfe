// STS: who we are — the sandbox's account, as a fixed IAM user.
import type { GetCallerIdentityResponse } from "@aws-sdk/client-sts";
import { read } from "./types.js";
import type { HandlerTable } from "./types.js";

export const STS_HANDLERS: HandlerTable = {
  GetCallerIdentity: read((_input: object, ctx): GetCallerIdentityResponse => ({
    UserId: "AIDASANDBOXAGPMUSER01",
    Account: ctx.account.account,
    Arn: `arn:aws:iam::${ctx.account.account}:user/agpm-sandbox`,
  })),
};
