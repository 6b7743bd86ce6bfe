// Starting and resuming governance runs: the one entry point every intake surface uses.
import { Command, type BaseCheckpointSaver, type StateSnapshot } from "@langchain/langgraph";
import { newId } from "../store/index.js";
import type { ApprovalDecision, ApprovalRequest } from "../agents/approval/node.js";
import { buildReport, type RunReport } from "../agents/reporter/report.js";
import { plannedActions } from "../agents/enforcer/node.js";
import { changedSincePlan, decidableRun, markOvertakenRuns, markStale, staleError } from "../agents/approval/stale.js";
import { closeRunSession, readRunFindings, type GraphDeps } from "./deps.js";
import { buildGovernanceGraph, recursionLimitFor } from "./governance.js";
import { buildSweepGraph } from "./sweep.js";
import { type State } from "./state.js";
import { RunOptionsSchema, type RunOptions, type RunOptionsInput } from "../contracts/run.js";

export interface RunOutcome {
  report: RunReport;
  /** Present when the run paused for approval. */
  pending: ApprovalRequest | null;
}

function configFor(runId: string, maxTranslationAttempts: number) {
  return { configurable: { thread_id: runId }, recursionLimit: recursionLimitFor(maxTranslationAttempts) };
}

type RunConfig = ReturnType<typeof configFor>;
/** What the runner needs of either graph (their node names differ, so their full types do not unify). */
interface Graph {
  invoke(input: unknown, config: RunConfig): Promise<unknown>;
  getState(config: RunConfig): Promise<StateSnapshot>;
}

/** Sweeps have their own entry (a stored policy, no translation); every other command starts at the planner. */
function graphFor(command: RunOptions["command"], deps: GraphDeps, checkpointer: BaseCheckpointSaver): Graph {
  return command === "sweep" ? buildSweepGraph(deps, checkpointer) : buildGovernanceGraph(deps, checkpointer);
}

async function settle(deps: GraphDeps, graph: Graph, runId: string, attempts: number): Promise<RunOutcome> {
  const snapshot = await graph.getState(configFor(runId, attempts));
  const state = snapshot.values as State;
  const interrupt = snapshot.tasks.flatMap((t) => t.interrupts)[0];
  // What this run changed, or the policy version it published, may overtake other paused runs.
  await markOvertakenRuns(deps.store, runId);
  // The report lists every finding: read back from the store, where evaluate wrote them.
  const run = await readRunFindings(deps.store, state);
  if (interrupt) {
    const pending = interrupt.value as ApprovalRequest;
    // The approver sees the exact changes (before → after) that approving would make.
    const report = buildReport({ ...state, actions: plannedActions(state, run) }, "awaiting-approval", run.findings);
    await deps.store.runs.updateRun(runId, { status: "awaiting-approval", policyId: state.policy?.id ?? null, policyVersion: state.policy?.version ?? null, result: report });
    return { report, pending };
  }
  return { report: buildReport(state, state.status, run.findings), pending: null };
}

/**
 * Runs an intent (or a sweep) through its graph until it completes or pauses for approval.
 * Given the id of a run that already exists — a job retried after its worker died — it carries
 * on from the run's last checkpoint instead of starting again, so finished steps (remediations
 * included) are not repeated.
 */
export async function startRun(deps: GraphDeps, checkpointer: BaseCheckpointSaver, input: { intent: string; options: RunOptionsInput; runId?: string }): Promise<RunOutcome> {
  const options = RunOptionsSchema.parse(input.options);
  const runId = input.runId ?? newId("run");
  try {
    return await startOrContinue(deps, checkpointer, input, options, runId);
  } finally {
    // The target is opened once per run and closed when the run completes, fails or pauses.
    await closeRunSession(deps, runId);
  }
}

async function startOrContinue(deps: GraphDeps, checkpointer: BaseCheckpointSaver, input: { intent: string; runId?: string }, options: RunOptions, runId: string): Promise<RunOutcome> {
  const graph = graphFor(options.command, deps, checkpointer);
  const config = configFor(runId, options.maxTranslationAttempts);
  const existing = input.runId === undefined ? null : await deps.store.runs.getRun(runId);
  if (existing) {
    const snapshot = await graph.getState(config);
    const begun = Object.keys(snapshot.values as object).length > 0;
    if (existing.status === "running") await graph.invoke(begun ? null : { runId, intent: input.intent, options }, config);
    return settle(deps, graph, runId, options.maxTranslationAttempts);
  }
  await deps.store.runs.createRun({
    id: runId, intent: input.intent, kind: options.command, actor: options.actor,
    target: JSON.parse(JSON.stringify(options.target)),
    options: { apply: options.apply, autoApprove: options.autoApprove, maxChanges: options.maxChanges, source: options.source, ...(options.sweep ? { sweep: options.sweep } : {}) },
  });
  await graph.invoke({ runId, intent: input.intent, options }, config);
  return settle(deps, graph, runId, options.maxTranslationAttempts);
}

/** Resumes a run paused for approval with the approver's decision (after a restart too). */
export async function resumeRun(deps: GraphDeps, checkpointer: BaseCheckpointSaver, runId: string, decision: ApprovalDecision): Promise<RunOutcome> {
  try {
    return await resumeWith(deps, checkpointer, runId, decision);
  } finally {
    // A resumed run opens its target once more (it may be another process): the re-read and the enforcer share it.
    await closeRunSession(deps, runId);
  }
}

async function resumeWith(deps: GraphDeps, checkpointer: BaseCheckpointSaver, runId: string, decision: ApprovalDecision): Promise<RunOutcome> {
  const run = await decidableRun(deps.store, runId);
  const graph = graphFor(run.kind, deps, checkpointer);
  const snapshot = await graph.getState(configFor(runId, 3));
  const attempts = (snapshot.values as State).options?.maxTranslationAttempts ?? 3;
  // The resources are read again before anything is approved: a plan the world moved past is refused, not applied.
  const changed = decision.approved ? await changedSincePlan(deps, snapshot.values as State) : null;
  if (changed) {
    await markStale(deps.store, run, changed);
    throw staleError(runId, changed);
  }
  await graph.invoke(new Command({ resume: decision }), configFor(runId, attempts));
  return settle(deps, graph, runId, attempts);
}
