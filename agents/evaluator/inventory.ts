// Evaluates a proved policy against the run's opened target: collect, evaluate, and measure the
// blast radius of enforcing it. Findings go to the store in chunks as they are evaluated (the run's
// working findings), never into the graph state: a checkpoint carries their counts only, and no
// chunk holds the event loop long enough to freeze a progress line or a worker's lock renewal.
import { setImmediate as yieldToLoop } from "node:timers/promises";
import { compilePolicy, evaluatePolicy } from "../../engine/evaluate.js";
import { scopePartitions } from "../../engine/scope.js";
import { findingIdentity, resourceIdentity, type Finding, type Resource } from "../../contracts/resource.js";
import type { Policy } from "../../contracts/policy.js";
import type { SourceApplies } from "../../engine/domain.js";
import { findAction } from "../../engine/registry.js";
import type { GraphDeps, OpenedTarget } from "../../graphs/deps.js";
import type { BlastRadius, Coverage, Evaluated, Summary } from "../../graphs/state.js";
import type { Plan } from "../../contracts/run.js";

export interface InventoryEvaluation {
  evaluated: Evaluated;
  summary: Summary;
  blastRadius: BlastRadius;
  collectionErrors: string[];
  coverage: Coverage;
}


/** Resources evaluated, stored and reported at a time: a few milliseconds of work between turns of the event loop. */
export const EVALUATE_CHUNK = 500;

/**
 * What enforcing would touch: automatic fixes count toward the radius, manual ones do not. A session
 * whose actions are not made in the cloud (files: proposed edits; none: read-only) changes nothing,
 * so it has no radius and never pauses for approval.
 */
export function blastRadiusOf(policy: Policy, plan: Plan, findings: readonly Finding[], applies: SourceApplies = "cloud"): BlastRadius {
  const radius: BlastRadius = { resources: 0, changes: 0, manual: 0 };
  if (policy.mode !== "enforce" || plan.operation === "check-only" || applies !== "cloud") return radius;
  const rules = new Map(policy.rules.map((r) => [r.id, r]));
  const resources = new Set<string>();
  const changes = new Set<string>();
  for (const finding of findings) {
    if (finding.status !== "fail") continue;
    const action = findAction(rules.get(finding.ruleId)?.remediation?.action ?? "");
    if (!action) continue;
    if (action.manual) {
      radius.manual++;
      continue;
    }
    const at = findingIdentity(finding);
    resources.add(at);
    changes.add(`${at}\u0000${action.name}`);
  }
  return { ...radius, resources: resources.size, changes: changes.size };
}

/** The regions to read: the policy's scope, narrowed to one region for a regional sweep. */
function regionsFor(policy: Policy, region: string | undefined): readonly string[] | undefined {
  const scoped = scopePartitions(policy.scope);
  if (region === undefined) return scoped;
  return scoped && !scoped.includes(region) ? [] : [region];
}

/**
 * Collects, evaluates and measures the blast radius. With `region`, only that region is read and
 * reported (account-wide kinds included only when they live there), so regional sweeps never
 * report a resource twice.
 */
export async function evaluateInventory(deps: GraphDeps, runId: string, opened: OpenedTarget, policy: Policy, plan: Plan, region?: string): Promise<InventoryEvaluation> {
  deps.onProgress?.({ type: "stage", stage: "collecting" });
  const kinds = [...new Set(policy.rules.map((r) => r.kind))];
  const regions = regionsFor(policy, region);
  // Opening a target (a sandbox parses its file) and collecting are each one stretch of work: a turn between them.
  await yieldToLoop();
  const inventory = regions?.length === 0 ? { resources: [], failures: [] } : await opened.collect(kinds, regions ? { regions } : {});
  const failures = region === undefined ? inventory.failures : inventory.failures.filter((f) => f.region === region || f.kind === "*");
  const resources = region === undefined ? inventory.resources : inventory.resources.filter((r) => r.region === region);
  deps.onProgress?.({ type: "stage", stage: "evaluating" });
  const measured = await evaluateInChunks(deps, runId, policy, plan, resources, opened.applies);
  // A kind that could not be listed in a region is an error of the run, never a silent pass.
  const collectionErrors = failures.map((f) => (f.kind === "*" ? `${f.region}: ${f.message}` : `could not list ${f.kind} in ${f.region}: ${f.message}`));
  const unlisted = new Set(failures.map((f) => f.kind));
  const coverage: Coverage = {
    regions: regions ? [...regions] : null,
    kinds: unlisted.has("*") ? [] : kinds.filter((k) => !unlisted.has(k)),
    // One root read: the history leaves other roots' statuses alone — an organisation sweep's run for
    // one account must not take the other accounts' statuses for resources gone. A session of many
    // roots read them all (a root it could not open is a "*" failure, so it compares no kind at all).
    ...(opened.roots ? {} : { root: opened.root() }),
  };
  const { summary } = measured;
  return { ...measured, summary: { ...summary, errors: summary.errors + failures.length }, collectionErrors, coverage };
}

/** One listing of each resource: evaluatePolicy drops repeats within a call, chunks must not let one through between calls. */
function distinct(resources: readonly Resource[]): Resource[] {
  const seen = new Set<string>();
  return resources.filter((r) => {
    const k = resourceIdentity(r);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const sum = <T extends object>(a: T, b: T): T => Object.fromEntries(Object.entries(a).map(([k, v]) => [k, (v as number) + (b[k as keyof T] as number)])) as T;

/**
 * Evaluates chunk by chunk, appending each chunk's findings (failing ones with their resource's
 * snapshot) to the run's working findings. Chunks split resources, never a resource's rules, so
 * summaries and blast radii add up. A retried evaluation starts the run's findings afresh.
 */
async function evaluateInChunks(deps: GraphDeps, runId: string, policy: Policy, plan: Plan, all: readonly Resource[], applies: SourceApplies): Promise<Pick<InventoryEvaluation, "evaluated" | "summary" | "blastRadius">> {
  const now = deps.now();
  const compiled = compilePolicy(policy, undefined, now);
  const resources = distinct(all);
  await deps.store.findings.clearRunFindings(runId);
  let summary: Summary = { resources: 0, passed: 0, failed: 0, errors: 0, skipped: 0 };
  let blastRadius: BlastRadius = { resources: 0, changes: 0, manual: 0 };
  const evaluated: Evaluated = { findings: 0, failing: 0 };
  for (let start = 0; start < resources.length; start += EVALUATE_CHUNK) {
    const chunk = resources.slice(start, start + EVALUATE_CHUNK);
    const result = evaluatePolicy(compiled, chunk, now);
    const snapshots = new Map(chunk.map((r) => [resourceIdentity(r), r]));
    const failing = new Set<string>();
    const items = result.findings.map((finding) => {
      if (finding.status !== "fail") return { finding };
      const k = findingIdentity(finding);
      failing.add(k);
      const resource = snapshots.get(k);
      return resource ? { finding, resource } : { finding };
    });
    await deps.store.findings.appendRunFindings(runId, evaluated.findings, items);
    evaluated.findings += items.length;
    evaluated.failing += failing.size;
    summary = sum(summary, result.summary);
    blastRadius = sum(blastRadius, blastRadiusOf(policy, plan, result.findings, applies));
    deps.onProgress?.({ type: "evaluated", resources: Math.min(start + EVALUATE_CHUNK, resources.length), total: resources.length, findings: evaluated.findings });
    await yieldToLoop();
  }
  return { evaluated, summary, blastRadius };
}
