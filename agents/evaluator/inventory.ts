// Evaluates a proved policy against the run's opened target: collect, evaluate, and measure the
// blast radius of enforcing it.
import { evaluatePolicy } from "../../engine/evaluate.js";
import { scopePartitions } from "../../engine/scope.js";
import { locationOf, type Finding, type Resource } from "../../contracts/resource.js";
import type { Policy } from "../../contracts/policy.js";
import type { SourceApplies } from "../../engine/domain.js";
import { findAction } from "../../engine/registry.js";
import type { GraphDeps, OpenedTarget } from "../../graphs/deps.js";
import type { BlastRadius, Coverage, Summary } from "../../graphs/state.js";
import type { Plan } from "../../contracts/run.js";

export interface InventoryEvaluation {
  findings: Finding[];
  failing: Resource[];
  summary: Summary;
  blastRadius: BlastRadius;
  collectionErrors: string[];
  coverage: Coverage;
}

// The root too: an organisation's accounts may hold resources of the same id in the same region.
const key = (kind: string, region: string, id: string, root = "") => `${kind}\u0000${region}\u0000${id}\u0000${root}`;

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
    const at = key(finding.kind, finding.region, finding.resourceId, finding.location?.root);
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
export async function evaluateInventory(deps: GraphDeps, opened: OpenedTarget, policy: Policy, plan: Plan, region?: string): Promise<InventoryEvaluation> {
  deps.onProgress?.({ type: "stage", stage: "collecting" });
  const kinds = [...new Set(policy.rules.map((r) => r.kind))];
  const regions = regionsFor(policy, region);
  const inventory = regions?.length === 0 ? { resources: [], failures: [] } : await opened.collect(kinds, regions ? { regions } : {});
  const failures = region === undefined ? inventory.failures : inventory.failures.filter((f) => f.region === region || f.kind === "*");
  const resources = region === undefined ? inventory.resources : inventory.resources.filter((r) => r.region === region);
  deps.onProgress?.({ type: "stage", stage: "evaluating" });
  const { findings, summary } = evaluatePolicy(policy, resources, deps.now());
  // A kind that could not be listed in a region is an error of the run, never a silent pass.
  const collectionErrors = failures.map((f) => (f.kind === "*" ? `${f.region}: ${f.message}` : `could not list ${f.kind} in ${f.region}: ${f.message}`));
  const failingKeys = new Set(findings.filter((f) => f.status === "fail").map((f) => key(f.kind, f.region, f.resourceId, f.location?.root)));
  const failing = resources.filter((r) => failingKeys.has(key(r.kind, r.region, r.id, locationOf(r).root)));
  const unlisted = new Set(failures.map((f) => f.kind));
  const coverage: Coverage = {
    regions: regions ? [...regions] : null,
    kinds: unlisted.has("*") ? [] : kinds.filter((k) => !unlisted.has(k)),
    // One root read: the history leaves other roots' statuses alone — an organisation sweep's run for
    // one account must not take the other accounts' statuses for resources gone. A session of many
    // roots read them all (a root it could not open is a "*" failure, so it compares no kind at all).
    ...(opened.roots ? {} : { root: opened.root() }),
  };
  return {
    findings, failing, summary: { ...summary, errors: summary.errors + failures.length },
    blastRadius: blastRadiusOf(policy, plan, findings, opened.applies), collectionErrors, coverage,
  };
}
