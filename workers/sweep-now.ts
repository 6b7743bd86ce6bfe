// A sweep in this process, without Redis: every chosen active policy, all partitions (regions) in one run
// each. `agpm sweep --now` uses it; the queue path fans out the same work across workers.
import type { BaseCheckpointSaver } from "@langchain/langgraph";
import type { GraphDeps } from "../graphs/deps.js";
import { startRun } from "../graphs/runner.js";
import { newId } from "../store/index.js";
import { policyResult, summarise, sweepLocation } from "./sweep-report.js";
import type { Policy } from "../contracts/policy.js";
import { parseSweepRequest, type SweepJobInput, type SweepResult } from "../contracts/sweeps-queue.js";

/** The active policies a sweep covers (all, or those named), and named ids that are not active policies. */
export async function choosePolicies(deps: Pick<GraphDeps, "store">, policyIds: readonly string[] | undefined): Promise<{ chosen: Policy[]; missing: string[] }> {
  const active = (await deps.store.policies.listPolicies()).filter((p) => p.status === "active" && (!policyIds || policyIds.includes(p.id)));
  const chosen: Policy[] = [];
  for (const summary of active) {
    const policy = await deps.store.policies.getPolicy(summary.id);
    if (policy) chosen.push(policy);
  }
  const missing = policyIds ? policyIds.filter((id) => !chosen.some((p) => p.id === id)) : [];
  return { chosen, missing };
}

export const missingPolicyFailure = (id: string) => ({ jobId: "-", reason: `POLICY_NOT_FOUND: no active policy ${id}` });

export async function sweepNow(deps: GraphDeps, checkpointer: BaseCheckpointSaver, input: SweepJobInput, defaults: { maxChanges: number; maxTranslationAttempts: number }): Promise<SweepResult> {
  const data = parseSweepRequest(input);
  const sweepId = newId("swp");
  const startedAt = deps.now().toISOString();
  const { chosen, missing } = await choosePolicies(deps, data.policyIds);
  const runs = [];
  for (const policy of chosen) {
    const { report } = await startRun(deps, checkpointer, {
      intent: `Sweep of ${policy.id}`,
      options: {
        command: "sweep", sweep: { policyId: policy.id, partition: null, sweepId },
        apply: data.options.apply, autoApprove: data.options.autoApprove,
        maxChanges: data.options.maxChanges ?? defaults.maxChanges, maxTranslationAttempts: defaults.maxTranslationAttempts,
        target: data.options.target, actor: data.options.requester, source: data.options.source,
      },
    });
    runs.push(policyResult({ sweepId, policyId: policy.id, location: sweepLocation(data.options.target, null, undefined, report) }, report));
  }
  return summarise({ ...data, sweepId, startedAt }, runs, missing.map(missingPolicyFailure), deps.now().toISOString());
}
