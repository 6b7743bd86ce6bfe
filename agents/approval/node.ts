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

export function createApprovalNode(deps: GraphDeps) {
  return function approval(state: State): StateUpdate {
    const radius = state.blastRadius ?? { resources: 0, changes: 0, manual: 0 };
    // --yes covers the blast radius, never a safety flag: those need a person's decision.
    if (state.options.autoApprove && state.safety.length === 0) {
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
