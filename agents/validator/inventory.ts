// Evaluates an approved policy against the live inventory: collect, evaluate, and measure the
// blast radius of enforcing it.
import { evaluatePolicy } from "../../policy/evaluate.js";
import type { Finding, Resource } from "../../policy/resource.js";
import type { Policy } from "../../policy/schema.js";
import { collectAll } from "../../tools/aws/inventory.js";
import { findAction } from "../../tools/aws/registry.js";
import type { Target } from "../../tools/target.js";
import type { GraphDeps } from "../../graphs/deps.js";
import type { BlastRadius, Plan, Summary } from "../../graphs/state.js";

export interface InventoryEvaluation {
  findings: Finding[];
  failing: Resource[];
  summary: Summary;
  blastRadius: BlastRadius;
  collectionErrors: string[];
}

const key = (kind: string, region: string, id: string) => `${kind}\u0000${region}\u0000${id}`;

/** What enforcing would touch: automatic fixes count toward the radius, manual ones do not. */
export function blastRadiusOf(policy: Policy, plan: Plan, findings: readonly Finding[]): BlastRadius {
  const radius: BlastRadius = { resources: 0, changes: 0, manual: 0 };
  if (policy.mode !== "enforce" || plan.operation === "check-only") return radius;
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
    resources.add(key(finding.kind, finding.region, finding.resourceId));
    changes.add(`${key(finding.kind, finding.region, finding.resourceId)}\u0000${action.name}`);
  }
  return { ...radius, resources: resources.size, changes: changes.size };
}

export async function evaluateInventory(deps: GraphDeps, target: Target, policy: Policy, plan: Plan): Promise<InventoryEvaluation> {
  const opened = await deps.openTarget(target);
  try {
    deps.onProgress?.({ type: "stage", stage: "collecting" });
    const kinds = [...new Set(policy.rules.map((r) => r.kind))];
    const { resources, failures } = await collectAll(opened.ctx, kinds, policy.scope.regions ? { regions: policy.scope.regions } : {});
    deps.onProgress?.({ type: "stage", stage: "evaluating" });
    const { findings, summary } = evaluatePolicy(policy, resources, deps.now());
    // A kind that could not be listed in a region is an error of the run, never a silent pass.
    const collectionErrors = failures.map((f) => (f.kind === "*" ? `${f.region}: ${f.message}` : `could not list ${f.kind} in ${f.region}: ${f.message}`));
    const failingKeys = new Set(findings.filter((f) => f.status === "fail").map((f) => key(f.kind, f.region, f.resourceId)));
    const failing = resources.filter((r) => failingKeys.has(key(r.kind, r.region, r.id)));
    return { findings, failing, summary: { ...summary, errors: summary.errors + failures.length }, blastRadius: blastRadiusOf(policy, plan, findings), collectionErrors };
  } finally {
    opened.close();
  }
}
