// The governance graph: wiring only. planner → translator → validator → evaluate → publisher →
// history → (approval) → enforcer → reporter, with the validator sending drafts back to the
// translator. Evaluate runs before the approval pause, so its blast radius is checkpointed.
import { END, START, StateGraph, type BaseCheckpointSaver } from "@langchain/langgraph";
import { createApprovalNode } from "../agents/approval/node.js";
import { createEnforcerNode } from "../agents/enforcer/node.js";
import { createEvaluatorNode } from "../agents/evaluator/node.js";
import { createHistoryNode } from "../agents/history/node.js";
import { createPlannerNode } from "../agents/planner/node.js";
import { createPublisherNode } from "../agents/publisher/node.js";
import { createReporterNode } from "../agents/reporter/node.js";
import { createTranslatorNode } from "../agents/translator/node.js";
import { createValidatorNode } from "../agents/validator/node.js";
import { onFreshTurn, type GraphDeps } from "./deps.js";
import { GovernanceState, type State } from "./state.js";

const failed = (s: State) => s.error !== null;

export function afterPlanner(s: State): "reporter" | "publisher" | "translator" | "validator" {
  if (failed(s)) return "reporter";
  if (s.plan?.operation === "retire" && s.options.command === "run") return "publisher";
  // With --translator llm the planner's reading is already the first draft.
  return s.draft === null ? "translator" : "validator";
}

export function afterTranslator(s: State): "reporter" | "validator" | "translator" {
  if (failed(s)) return "reporter";
  return s.draft === null ? "translator" : "validator";
}

export function afterValidator(s: State): "reporter" | "translator" | "evaluate" {
  if (failed(s)) return "reporter";
  if (s.feedback.length > 0) return "translator";
  return s.options.command === "explain" ? "reporter" : "evaluate";
}

/** A proved policy is published only after it was measured: a target that cannot be read publishes nothing. */
export function afterEvaluate(s: State): "reporter" | "publisher" {
  return !failed(s) && s.options.command === "run" ? "publisher" : "reporter";
}

export function afterPublisher(s: State): "reporter" | "history" {
  return failed(s) || s.plan?.operation === "retire" ? "reporter" : "history";
}

/** After the findings are recorded: enforce directly, or wait for a person first. */
export function afterHistory(s: State): "reporter" | "approvalGate" | "enforcer" {
  if (failed(s)) return "reporter";
  const radius = s.blastRadius?.resources ?? 0;
  const needsPerson = radius > s.options.maxChanges || s.safety.length > 0;
  return s.options.apply && needsPerson ? "approvalGate" : "enforcer";
}

export function afterApproval(s: State): "reporter" | "enforcer" {
  return s.approval?.approved ? "enforcer" : "reporter";
}

/** Recursion limit for one run: the longest path plus every allowed translation retry. */
export function recursionLimitFor(maxTranslationAttempts: number): number {
  return 12 + 2 * maxTranslationAttempts;
}

export function buildGovernanceGraph(deps: GraphDeps, checkpointer: BaseCheckpointSaver) {
  return new StateGraph(GovernanceState)
    .addNode("planner", onFreshTurn(createPlannerNode(deps)))
    .addNode("translator", onFreshTurn(createTranslatorNode(deps)))
    .addNode("validator", onFreshTurn(createValidatorNode(deps)))
    .addNode("evaluate", onFreshTurn(createEvaluatorNode(deps)))
    .addNode("publisher", onFreshTurn(createPublisherNode(deps)))
    .addNode("history", onFreshTurn(createHistoryNode(deps)))
    .addNode("approvalGate", onFreshTurn(createApprovalNode(deps)))
    .addNode("enforcer", onFreshTurn(createEnforcerNode(deps)))
    .addNode("reporter", onFreshTurn(createReporterNode(deps)))
    .addEdge(START, "planner")
    .addConditionalEdges("planner", afterPlanner, ["reporter", "publisher", "translator", "validator"])
    .addConditionalEdges("translator", afterTranslator, ["reporter", "validator", "translator"])
    .addConditionalEdges("validator", afterValidator, ["reporter", "translator", "evaluate"])
    .addConditionalEdges("evaluate", afterEvaluate, ["reporter", "publisher"])
    .addConditionalEdges("publisher", afterPublisher, ["reporter", "history"])
    .addConditionalEdges("history", afterHistory, ["reporter", "approvalGate", "enforcer"])
    .addConditionalEdges("approvalGate", afterApproval, ["reporter", "enforcer"])
    .addEdge("enforcer", "reporter")
    .addEdge("reporter", END)
    .compile({ checkpointer });
}

export type GovernanceGraph = ReturnType<typeof buildGovernanceGraph>;
