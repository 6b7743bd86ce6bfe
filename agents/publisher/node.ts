// Publishes the approved policy: version 1 of a new policy, n+1 of a changed one, nothing when
// the store already holds this version; retires on request. Every change is audited.
import { AgpmError } from "../../core/errors.js";
import { diffPolicies } from "../../engine/version.js";
import type { Policy } from "../../contracts/policy.js";
import type { GraphDeps } from "../../graphs/deps.js";
import type { State, StateUpdate } from "../../graphs/state.js";

export function createPublisherNode(deps: GraphDeps) {
  return async function publisher(state: State): Promise<StateUpdate> {
    const { plan, options } = state;
    if (!plan) throw new AgpmError("INTERNAL", "publisher reached without a plan");
    const audit = (policy: Policy, result: string, before: unknown) =>
      deps.store.audit.appendAudit({
        actor: options.actor, runId: state.runId, policyId: policy.id, policyVersion: policy.version,
        action: "policy", result, before: before as never, after: { title: policy.title, mode: policy.mode, rules: policy.rules.map((r) => r.id) },
        detail: state.intent, dedupeKey: `${state.runId}:${result}`,
      });
    if (plan.operation === "retire" && plan.existing) {
      const retired = await deps.store.policies.retire(plan.existing.id);
      await audit(retired, "policy-retired", { status: "active" });
      return { policy: retired, status: "completed" };
    }
    const candidate = state.policy;
    if (!candidate) throw new AgpmError("INTERNAL", "publisher reached without a validated policy");
    // The validator resolved identity against the store: same id and version = nothing new.
    const stored = await deps.store.policies.getPolicy(candidate.id);
    if (stored && stored.version === candidate.version) {
      return { notes: [...state.notes, `Policy ${stored.id} v${stored.version} already says this; no new version.`] };
    }
    const saved = stored ? await deps.store.policies.addVersion(candidate, options.actor) : await deps.store.policies.createPolicy(candidate, options.actor);
    await audit(saved, stored ? "policy-updated" : "policy-created", stored ? { version: stored.version, mode: stored.mode, rules: stored.rules.map((r) => r.id) } : null);
    if (!stored) return { policy: saved };
    const diff = diffPolicies(stored, saved).map((d) => d.text);
    return { policy: saved, notes: [...state.notes, `Version ${saved.version} changes v${stored.version}: ${diff.join("; ") || "status active again"}.`] };
  };
}
