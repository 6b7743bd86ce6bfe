// Opens a scan target — the sandbox account file or a live AWS account — as an AwsContext:
// clients, account id (STS) and regions (EC2 DescribeRegions), the same code for both. A target of
// many accounts (a sandbox organisation folder, --accounts, --org) opens through org.ts.
import { z } from "zod";
import { AgpmError } from "../../core/errors.js";
import { formatJsonPath } from "../../core/json-path.js";
import type { AwsClients } from "./clients.js";
import { createAwsContext } from "./context.js";
import type { AwsContext, ProgressEvent, RetryPolicy } from "./context.js";
import { createAwsClients } from "./live/clients.js";
import { resolveAccount, resolveRegions } from "./regions.js";
import { openOrganisation, isOrganisation } from "./org.js";
import { collectAll, collectOne } from "./inventory.js";
import { actionsForKind } from "./registry.js";
import type { Session, SessionOptions } from "../../engine/domain.js";
import { SandboxAccount, createSandboxClients } from "./sandbox/index.js";
import { TargetSchema, type Target } from "../../contracts/target.js";

export { TargetSchema, type Target };


export type OpenTargetOptions = SessionOptions;

/**
 * An opened AWS account: the engine's Session (root = account, partitions = regions) over an AwsContext,
 * but for where its actions take effect, which the source that opened it declares (tools/aws/sources.ts).
 */
export type OpenedTarget = Omit<Session<AwsContext>, "applies">;

function parseTarget(input: unknown): Target {
  const parsed = TargetSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue ? formatJsonPath(issue.path) : "$";
  throw new AgpmError("INPUT_INVALID", `invalid target at ${where}: ${issue?.message ?? "unknown problem"}`, { cause: parsed.error });
}

function clientsFor(target: Exclude<Target, { type: "sandbox-org" }>): AwsClients {
  if (target.type === "sandbox") {
    return createSandboxClients(SandboxAccount.load(target.file), target.faults ? { faults: target.faults } : {});
  }
  return createAwsClients({ defaultRegion: target.region, ...(target.endpoint ? { endpoint: target.endpoint } : {}) });
}

function describeTarget(target: Exclude<Target, { type: "sandbox-org" }>, ctx: AwsContext): string {
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
  if (isOrganisation(target)) return openOrganisation(target, options);
  const clients = clientsFor(target);
  try {
    const ctx = createAwsContext({ clients, regions: [], account: "", ...options });
    ctx.account = await resolveAccount(ctx);
    ctx.regions = target.type === "aws" && target.regions ? [...new Set(target.regions)] : await resolveRegions(ctx);
    return {
      ctx,
      root: () => ctx.account,
      partitions: () => ctx.regions,
      collect: (kinds, filter) => collectAll(ctx, kinds, filter),
      collectOne: (kind, id, partition) => collectOne(ctx, kind, id, partition),
      actions: (kind) => actionsForKind(kind),
      describe: describeTarget(target, ctx),
      close: () => clients.destroy(),
    };
  } catch (e) {
    clients.destroy();
    throw e;
  }
}
