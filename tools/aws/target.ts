// Opens a scan target — the sandbox account file or a live AWS account — as an AwsContext:
// clients, account id (STS) and regions (EC2 DescribeRegions), the same code for both.
import { DescribeRegionsCommand } from "@aws-sdk/client-ec2";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { z } from "zod";
import { AgpmError } from "../../core/errors.js";
import { formatJsonPath } from "../../core/json-path.js";
import type { AwsClients } from "./clients.js";
import { createAwsContext } from "./context.js";
import type { AwsContext, ProgressEvent, RetryPolicy } from "./context.js";
import { createAwsClients } from "./live/clients.js";
import { send } from "./send.js";
import { SandboxAccount, createSandboxClients } from "./sandbox/index.js";
import { TargetSchema, type Target } from "../../contracts/target.js";

export { TargetSchema, type Target };


export interface OpenTargetOptions {
  /** Most SDK calls in flight at once (default 8). */
  concurrency?: number;
  retry?: Partial<RetryPolicy>;
  onProgress?: (event: ProgressEvent) => void;
  /** Clock for ages ("stopped for 30 days"); the system clock by default. */
  now?: () => Date;
}

export interface OpenedTarget {
  ctx: AwsContext;
  /** Releases the clients; the context is not used afterwards. */
  close(): void;
  /** One line for people, e.g. "sandbox demo.json (account 123456789012; us-east-1, eu-west-1)". */
  describe: string;
}

function parseTarget(input: unknown): Target {
  const parsed = TargetSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue ? formatJsonPath(issue.path) : "$";
  throw new AgpmError("INPUT_INVALID", `invalid target at ${where}: ${issue?.message ?? "unknown problem"}`, { cause: parsed.error });
}

function clientsFor(target: Target): AwsClients {
  if (target.type === "sandbox") {
    return createSandboxClients(SandboxAccount.load(target.file), target.faults ? { faults: target.faults } : {});
  }
  return createAwsClients({ defaultRegion: target.region, ...(target.endpoint ? { endpoint: target.endpoint } : {}) });
}

async function resolveAccount(ctx: AwsContext): Promise<string> {
  const out = await send(ctx, ctx.clients.sts(ctx.clients.defaultRegion), new GetCallerIdentityCommand({}));
  if (!out.Account) throw new AgpmError("AWS_ERROR", "GetCallerIdentity returned no account id");
  return out.Account;
}

async function resolveRegions(ctx: AwsContext): Promise<string[]> {
  const out = await send(ctx, ctx.clients.ec2(ctx.clients.defaultRegion), new DescribeRegionsCommand({}));
  const regions = (out.Regions ?? []).flatMap((r) => (r.RegionName ? [r.RegionName] : []));
  return regions.length > 0 ? [...new Set(regions)].sort() : [ctx.clients.defaultRegion];
}

function describeTarget(target: Target, ctx: AwsContext): string {
  const regions = ctx.regions.join(", ");
  if (target.type === "sandbox") return `sandbox ${target.file} (account ${ctx.account}; ${regions})`;
  return `aws account ${ctx.account}${target.endpoint ? ` at ${target.endpoint}` : ""} (${regions})`;
}

/**
 * Opens a target: builds its clients, then resolves the account and the regions to scan.
 * @throws AgpmError INPUT_INVALID for a malformed target; SANDBOX_FILE_INVALID, AWS_ERROR… when it cannot be opened.
 * @example const { ctx, close } = await openTarget({ type: "sandbox", file: "demo.json" }); try { … } finally { close(); }
 */
export async function openTarget(input: Target, options: OpenTargetOptions = {}): Promise<OpenedTarget> {
  const target = parseTarget(input);
  const clients = clientsFor(target);
  try {
    const ctx = createAwsContext({ clients, regions: [], account: "", ...options });
    ctx.account = await resolveAccount(ctx);
    ctx.regions = target.type === "aws" && target.regions ? [...new Set(target.regions)] : await resolveRegions(ctx);
    return { ctx, close: () => clients.destroy(), describe: describeTarget(target, ctx) };
  } catch (e) {
    clients.destroy();
    throw e;
  }
}
