// Runs collectors over the target's regions: one task per kind and region (one per kind for
// account settings and globally listed kinds); a failing task is recorded, never fatal.
import { AgpmError, errorMessage, isAgpmError } from "../../core/errors.js";
import type { ErrorCode } from "../../core/errors.js";
import type { Resource } from "../../contracts/resource.js";
import type { CollectFailure, Inventory } from "../../engine/domain.js";
import type { AwsContext } from "./context.js";
import type { KindCollector } from "./kind-tools.js";
import { findCollector } from "./registry.js";
import { awsErrorName } from "./send.js";

export type { CollectFailure, Inventory };

export interface CollectFilter {
  /** Only these regions (intersected with ctx.regions). */
  regions?: readonly string[];
}

/** The domain's name: what `location.domain` says of every resource an AWS session reads. */
export const AWS_DOMAIN = "aws";

/**
 * The resource with its location, set here so every AWS resource carries one from the moment it is
 * read: partition = region, root = account (collectors fill the AWS spelling, region and account).
 */
const located = (resource: Resource): Resource => ({ ...resource, location: { domain: AWS_DOMAIN, partition: resource.region, root: resource.account } });

function collectorFor(kind: string): KindCollector {
  const collector = findCollector(kind);
  if (!collector) throw new AgpmError("INPUT_INVALID", `no collector for resource kind "${kind}"`, { details: { kind } });
  return collector;
}

function failure(kind: string, region: string, e: unknown): CollectFailure {
  return { kind, region, code: isAgpmError(e) ? e.code : "INTERNAL", awsError: awsErrorName(e) ?? null, message: errorMessage(e) };
}

async function runTask(ctx: AwsContext, collector: KindCollector, regions: readonly string[], failures: CollectFailure[]): Promise<Resource[]> {
  const { kind } = collector;
  for (const region of regions) ctx.onProgress?.({ type: "collect-start", kind, region });
  try {
    const [first = ctx.clients.defaultRegion] = regions;
    const listed = collector.scope === "regional" && collector.collectMany
      ? await collector.collectMany(ctx, regions)
      : await collector.collect(ctx, first);
    const resources = listed.map(located);
    const byRegion = new Map<string, Resource[]>(regions.map((r) => [r, []]));
    for (const r of resources) byRegion.get(r.region)?.push(r);
    for (const region of regions) ctx.onProgress?.({ type: "collect-done", kind, region, count: byRegion.get(region)?.length ?? 0 });
    // Group by region so output order does not depend on which call finished first.
    return regions.length > 1 ? regions.flatMap((r) => byRegion.get(r) ?? []) : resources;
  } catch (e) {
    for (const region of regions) {
      failures.push(failure(kind, region, e));
      ctx.onProgress?.({ type: "collect-failed", kind, region, message: errorMessage(e) });
    }
    return [];
  }
}

function selectRegions(ctx: AwsContext, filter: CollectFilter, failures: CollectFailure[]): string[] {
  if (!filter.regions) return ctx.regions;
  const wanted = new Set(filter.regions);
  for (const region of wanted) {
    if (!ctx.regions.includes(region)) {
      failures.push({ kind: "*", region, code: "INPUT_INVALID", awsError: null, message: `region ${region} is not one of the target's regions (${ctx.regions.join(", ")})` });
    }
  }
  return ctx.regions.filter((r) => wanted.has(r));
}

/**
 * Collects every resource of `kinds` in the target's regions, concurrently (bounded by ctx.limiter).
 * Account-level kinds are read once, whatever the region filter.
 * @throws AgpmError INPUT_INVALID for a kind without a collector.
 * @example const { resources, failures } = await collectAll(ctx, ["aws.s3.bucket"], { regions: ["eu-west-1"] });
 */
export async function collectAll(ctx: AwsContext, kinds: readonly string[], filter: CollectFilter = {}): Promise<Inventory> {
  const failures: CollectFailure[] = [];
  const collectors = [...new Set(kinds)].map(collectorFor);
  const regions = selectRegions(ctx, filter, failures);
  const tasks: Array<Promise<Resource[]>> = [];
  for (const collector of collectors) {
    if (collector.scope === "account") tasks.push(runTask(ctx, collector, [ctx.clients.defaultRegion], failures));
    else if (collector.collectMany) {
      if (regions.length > 0) tasks.push(runTask(ctx, collector, regions, failures));
    }
    else for (const region of regions) tasks.push(runTask(ctx, collector, [region], failures));
  }
  const results = await Promise.all(tasks);
  return { resources: results.flat(), failures };
}

/**
 * Re-reads one resource (verification after a remediation); null when it no longer exists.
 * @example const bucket = await collectOne(ctx, "aws.s3.bucket", "app-logs", "eu-west-1");
 */
export async function collectOne(ctx: AwsContext, kind: string, id: string, region: string): Promise<Resource | null> {
  const resource = await collectorFor(kind).collectOne(ctx, id, region);
  return resource ? located(resource) : null;
}
