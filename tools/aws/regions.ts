// Who and where an opened account is: its id (STS) and the regions it has enabled (EC2), the same
// calls for one account and for each account of an organisation.
import { sdk } from "./clients.js";
import { AgpmError } from "../../core/errors.js";
import type { AwsContext } from "./context.js";
import { send } from "./send.js";

const { DescribeRegionsCommand } = sdk.ec2;
const { GetCallerIdentityCommand } = sdk.sts;

export async function resolveAccount(ctx: AwsContext): Promise<string> {
  const out = await send(ctx, ctx.clients.sts(ctx.clients.defaultRegion), new GetCallerIdentityCommand({}));
  if (!out.Account) throw new AgpmError("AWS_ERROR", "GetCallerIdentity returned no account id");
  return out.Account;
}

export async function resolveRegions(ctx: AwsContext): Promise<string[]> {
  const out = await send(ctx, ctx.clients.ec2(ctx.clients.defaultRegion), new DescribeRegionsCommand({}));
  const regions = (out.Regions ?? []).flatMap((r) => (r.RegionName ? [r.RegionName] : []));
  return regions.length > 0 ? [...new Set(regions)].sort() : [ctx.clients.defaultRegion];
}
