// The evaluate node, shared by both graphs: collects the policy's kinds through the run's opened
// target, stores its findings (failing ones with snapshots) as the run's working findings, and
// records in the state their counts, the summary, blast radius, coverage and collection errors.
// It runs before any approval pause, so a resumed run never collects again.
import { AgpmError, errorMessage, isAgpmError } from "../../core/errors.js";
import { runSession, type GraphDeps } from "../../graphs/deps.js";
import type { State, StateUpdate } from "../../graphs/state.js";
import { evaluateInventory } from "./inventory.js";
import { partitionOf } from "../../contracts/run.js";

export function createEvaluatorNode(deps: GraphDeps) {
  return async function evaluate(state: State): Promise<StateUpdate> {
    const { policy, plan } = state;
    if (!policy || !plan) throw new AgpmError("INTERNAL", "evaluate reached without a policy and a plan");
    // A sweep of one partition (AWS: region) reads and reports that partition only. Read through
    // partitionOf: a run checkpointed before partitions existed names it as a region.
    const region = state.options.command === "sweep" && state.options.sweep ? (partitionOf(state.options.sweep) ?? undefined) : undefined;
    try {
      const opened = await runSession(deps, state.runId, state.options.target);
      return await evaluateInventory(deps, state.runId, opened, policy, plan, region);
    } catch (error) {
      const code = isAgpmError(error) ? error.code : "AWS_ERROR";
      return { status: "failed", error: { code, message: errorMessage(error), details: isAgpmError(error) ? error.details : {} } };
    }
  };
}
