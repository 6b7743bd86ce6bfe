// The sweep graph: wiring only. sweeper → evaluate → history → (approval) → enforcer → reporter,
// sharing the governance graph's evaluate, history, approval, enforcer and reporter nodes and its state.
import { END, START, StateGraph, type BaseCheckpointSaver } from "@langchain/langgraph";
import { createApprovalNode } from "../agents/approval/node.js";
import { createEnforcerNode } from "../agents/enforcer/node.js";
import { createEvaluatorNode } from "../agents/evaluator/node.js";
import { createHistoryNode } from "../agents/history/node.js";
import { createReporterNode } from "../agents/reporter/node.js";
import { createSweeperNode } from "../agents/sweeper/node.js";
import { onFreshTurn, type GraphDeps } from "./deps.js";
import { afterApproval, afterHistory } from "./governance.js";
import { GovernanceState, type State } from "./state.js";

/** A retired or missing policy ends the sweep here. */
export function afterSweeper(s: State): "reporter" | "evaluate" {
  return s.error !== null || s.status !== "running" ? "reporter" : "evaluate";
}

/** A failed read ends the sweep here. */
export function afterSweepEvaluate(s: State): "reporter" | "history" {
  return s.error !== null ? "reporter" : "history";
}

export function buildSweepGraph(deps: GraphDeps, checkpointer: BaseCheckpointSaver) {
  return new StateGraph(GovernanceState)
    .addNode("sweeper", onFreshTurn(createSweeperNode(deps)))
    .addNode("evaluate", onFreshTurn(createEvaluatorNode(deps)))
    .addNode("history", onFreshTurn(createHistoryNode(deps)))
    .addNode("approvalGate", onFreshTurn(createApprovalNode(deps)))
    .addNode("enforcer", onFreshTurn(createEnforcerNode(deps)))
    .addNode("reporter", onFreshTurn(createReporterNode(deps)))
    .addEdge(START, "sweeper")
    .addConditionalEdges("sweeper", afterSweeper, ["reporter", "evaluate"])
    .addConditionalEdges("evaluate", afterSweepEvaluate, ["reporter", "history"])
    .addConditionalEdges("history", afterHistory, ["reporter", "approvalGate", "enforcer"])
    .addConditionalEdges("approvalGate", afterApproval, ["reporter", "enforcer"])
    .addEdge("enforcer", "reporter")
    .addEdge("reporter", END)
    .compile({ checkpointer });
}
