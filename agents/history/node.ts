// Records what a run observed in the findings history and says what changed since the last
// observation: drift (newly failing), recovered, removed, still failing.
import { readRunFindings, type GraphDeps } from "../../graphs/deps.js";
import type { State, StateUpdate } from "../../graphs/state.js";
import type { DriftSummary } from "../../contracts/run.js";

/** Changes listed in the state and report; the store keeps all of them. */
export const REPORTED_CHANGES = 200;

export function createHistoryNode(deps: GraphDeps) {
  return async function history(state: State): Promise<StateUpdate> {
    const { policy, coverage } = state;
    // Only a stored, active policy has a history; a dry check of an unsaved draft does not.
    if (!policy || !coverage || policy.status !== "active") return {};
    const stored = await deps.store.policies.getPolicy(policy.id);
    if (!stored || stored.version !== policy.version) return {};
    const { findings } = await readRunFindings(deps.store, state);
    const result = await deps.store.history.recordObservation({
      runId: state.runId, policyId: policy.id, policyVersion: policy.version, findings, coverage,
    });
    const count = (change: string) => result.changes.filter((c) => c.change === change).length;
    const drift: DriftSummary = {
      baseline: result.baseline,
      drift: count("drift"),
      recovered: count("recovered"),
      removed: count("removed"),
      stillFailing: result.stillFailing,
      changes: result.changes.slice(0, REPORTED_CHANGES).map(({ ruleId, kind, region, location, resourceId, change }) => ({ ruleId, kind, region, location, resourceId, change })),
    };
    return { drift };
  };
}
