// The sweeper: the first step of a sweep run. Loads the stored policy as it is now (its current
// version; retired means nothing to do) and plans the sweep; the evaluate node then reads the target.
import { AgpmError } from "../../core/errors.js";
import type { GraphDeps } from "../../graphs/deps.js";
import type { State, StateUpdate } from "../../graphs/state.js";
import type { Plan } from "../../contracts/run.js";
import { partitionOf } from "../../contracts/run.js";

export function createSweeperNode(deps: GraphDeps) {
  return async function sweeper(state: State): Promise<StateUpdate> {
    const target = state.options.sweep;
    if (!target) throw new AgpmError("INTERNAL", "a sweep run needs options.sweep");
    const partition = partitionOf(target);
    deps.onProgress?.({ type: "stage", stage: "sweeping" });
    const policy = await deps.store.policies.getPolicy(target.policyId);
    if (!policy) {
      return { status: "failed", error: { code: "POLICY_NOT_FOUND", message: `no policy ${target.policyId} to sweep`, details: { policyId: target.policyId } } };
    }
    if (policy.status !== "active") {
      return { policy, status: "completed", notes: [`Policy ${policy.id} is ${policy.status}; nothing to sweep.`] };
    }
    const plan: Plan = {
      operation: "sweep",
      kinds: [...new Set(policy.rules.map((r) => r.kind))],
      scope: policy.scope,
      existing: { id: policy.id, version: policy.version, title: policy.title },
      interpretation: [
        `Sweep of ${policy.id} v${policy.version} (${policy.mode} mode)${partition ? ` in ${partition}` : ""}.`,
        policy.mode === "enforce" ? "Failing resources are remediated when the sweep applies changes." : "Audit mode: findings are recorded, nothing is remediated.",
      ],
    };
    return { plan, policy };
  };
}
