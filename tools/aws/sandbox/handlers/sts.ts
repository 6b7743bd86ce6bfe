// STS: who we are — the sandbox's account, as a fixed IAM user — and, for the management account of
// a sandbox organisation folder, AssumeRole into its member accounts.
import type { AssumeRoleRequest, AssumeRoleResponse, GetCallerIdentityResponse } from "@aws-sdk/client-sts";
import { awsError } from "../errors.js";
import { required } from "./common.js";
import { read } from "./types.js";
import type { HandlerContext, HandlerTable } from "./types.js";

const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;
const callerArn = (ctx: HandlerContext) => `arn:aws:iam::${ctx.account.account}:user/agpm-sandbox`;

/**
 * Credentials for a role in an account of the organisation. Like AWS, the answer for an account the
 * caller cannot reach is AccessDenied — here, any id that has no file in the folder.
 */
function assumeRole(input: AssumeRoleRequest, ctx: HandlerContext): AssumeRoleResponse {
  const roleArn = required(ctx, input.RoleArn, "roleArn", "body");
  const sessionName = required(ctx, input.RoleSessionName, "roleSessionName", "body");
  const match = ROLE_ARN.exec(roleArn);
  if (!match) throw awsError("sts", "ValidationError", 400, `${roleArn} is invalid`);
  const [, id = "", role = ""] = match;
  if (!ctx.org?.find(id)) {
    throw awsError("sts", "AccessDenied", 403, `User: ${callerArn(ctx)} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
  }
  const seconds = input.DurationSeconds ?? 3600;
  // Fixed-shape, not secret: sandbox clients never sign anything; the key names the account for people reading logs.
  return {
    Credentials: {
      AccessKeyId: `ASIASANDBOX${id}`,
      SecretAccessKey: "agpm-sandbox-not-a-secret",
      SessionToken: `agpm-sandbox-session-${id}`,
      Expiration: new Date(Date.now() + seconds * 1000),
    },
    AssumedRoleUser: { AssumedRoleId: `AROASANDBOX${id}:${sessionName}`, Arn: `arn:aws:sts::${id}:assumed-role/${role}/${sessionName}` },
  };
}

export const STS_HANDLERS: HandlerTable = {
  GetCallerIdentity: read((_input: object, ctx): GetCallerIdentityResponse => ({
    UserId: "AIDASANDBOXAGPMUSER01",
    Account: ctx.account.account,
    Arn: callerArn(ctx),
  })),
  AssumeRole: read(assumeRole),
};
