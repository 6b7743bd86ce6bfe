// The approval gate: pauses the run (LangGraph interrupt) when enforcement would change more
// resources than allowed. Side-effect free, because a resumed node re-runs from its start.
import { interrupt } from "@langchain/langgraph";
import { z } from "zod";
import type { GraphDeps } from "../../graphs/deps.js";
import type { State, StateUpdate } from "../../graphs/state.js";
import { plural } from "../../core/plural.js";

export const ApprovalDecisionSchema = z.object({
  approved: z.boolean(),
  by: z.string().min(1),
  at: z.string().min(1),
  comment: z.string().optional(),
});
export type ApprovalDecision = z.infer<typeof ApprovalDecisionSchema>;

/** What a paused run shows the approver. */
export interface ApprovalRequest {
  runId: string;
  policyId: string | null;
  resources: number;
  changes: number;
  maxChanges: number;
  safety: string[];
  reason: string;
}

/** --yes covers the blast radius, never a safety flag: those need a person's decision. */
export function autoApproved(state: State): boolean {
  return state.options.autoApprove && state.safety.length === 0;
}

/**
 * A person approved this very run after it paused. Only such a run may change a resource another
 * paused run also plans to change (that run then goes stale); --yes never decides for anyone else.
 */
export function approvedByPerson(state: State): boolean {
  return state.approval?.approved === true && !autoApproved(state);
}

export function createApprovalNode(deps: GraphDeps) {
  return function approval(state: State): StateUpdate {
    const radius = state.blastRadius ?? { resources: 0, changes: 0, manual: 0 };
    if (autoApproved(state)) {
      return { approval: { approved: true, by: `${state.options.actor} (--yes)`, at: deps.now().toISOString() } };
    }
    const request: ApprovalRequest = {
      runId: state.runId,
      policyId: state.policy?.id ?? null,
      resources: radius.resources,
      changes: radius.changes,
      maxChanges: state.options.maxChanges,
      safety: state.safety,
      reason: state.safety.length > 0
        ? `needs explicit approval: ${state.safety.join("; ")}`
        : `enforcement would change ${plural(radius.resources, "resource")}, more than the allowed ${state.options.maxChanges}`,
    };
    const decision = ApprovalDecisionSchema.parse(interrupt(request));
    return { approval: decision, status: decision.approved ? "running" : "rejected" };
  };
}
