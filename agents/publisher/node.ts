// Publishes the approved policy: version 1 of a new policy, n+1 of an updated one, nothing
// when an identical version already exists; retires on request. Every change is audited.
import { AgpmError } from "../../core/errors.js";
import { diffPolicies, samePolicyContent } from "../../policy/version.js";
import type { Policy } from "../../policy/schema.js";
import type { GraphDeps } from "../../graphs/deps.js";
import type { State, StateUpdate } from "../../graphs/state.js";

async function sameAsStored(deps: GraphDeps, policy: Policy): Promise<Policy | null> {
  const stored = await deps.store.policies.getPolicy(policy.id);
  if (stored && stored.status === "active" && samePolicyContent(stored, policy)) return stored;
  return null;
}

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
    const existing = plan.operation === "update" && plan.existing ? await deps.store.policies.getPolicy(plan.existing.id) : null;
    const unchanged = existing && samePolicyContent(existing, candidate) ? existing : await sameAsStored(deps, { ...candidate, version: 1 });
    if (unchanged) {
      const note = `Policy ${unchanged.id} v${unchanged.version} already says this; no new version.`;
      const findings = state.findings.map((f) => ({ ...f, policyId: unchanged.id, policyVersion: unchanged.version }));
      return { policy: { ...candidate, id: unchanged.id, version: unchanged.version }, findings, notes: [...state.notes, note] };
    }
    const saved = existing
      ? await deps.store.policies.addVersion(candidate, options.actor)
      : await deps.store.policies.createPolicy(candidate, options.actor);
    await audit(saved, existing ? "policy-updated" : "policy-created", existing ? { version: existing.version, mode: existing.mode, rules: existing.rules.map((r) => r.id) } : null);
    if (!existing) return { policy: saved };
    const diff = diffPolicies(existing, saved).map((d) => d.text);
    return { policy: saved, notes: [...state.notes, `Version ${saved.version} changes v${existing.version}: ${diff.join("; ")}.`] };
  };
}
