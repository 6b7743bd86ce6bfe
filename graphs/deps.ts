// What the graph's nodes are given at construction: store, translators, target opener, clock.
// Nodes never read process.env or build their own clients.
import { setImmediate as yieldToLoop } from "node:timers/promises";
import type { Store } from "../store/index.js";
import { resourceIdentity, type Finding, type Resource } from "../contracts/resource.js";
import type { State } from "./state.js";
import type { EvaluationProgressEvent, ProgressEvent } from "../contracts/progress.js";
import type { Target } from "../contracts/target.js";
import type { Session } from "../engine/domain.js";
import type { Translator } from "../agents/translator/translator.js";

/** An opened target: agents collect, re-read and act through it, never through a domain's tools. */
export type OpenedTarget = Session;

export type GraphProgress = ProgressEvent | EvaluationProgressEvent | { type: "stage"; stage: string };

export interface GraphDeps {
  store: Store;
  translators: { offline: Translator; llm?: Translator };
  openTarget(target: Target): Promise<OpenedTarget>;
  now(): Date;
  onProgress?: (event: GraphProgress) => void;
}

// Sessions are not serialisable, so they live beside the deps, never in the checkpointed state.
const sessions = new WeakMap<GraphDeps, Map<string, Promise<OpenedTarget>>>();

/**
 * The run's opened target: opened on first use, then shared by every node of the run (evaluate,
 * the approval-time re-read, the enforcer) until the runner closes it with `closeRunSession`.
 */
export function runSession(deps: GraphDeps, runId: string, target: Target): Promise<OpenedTarget> {
  const open = sessions.get(deps) ?? new Map<string, Promise<OpenedTarget>>();
  sessions.set(deps, open);
  const cached = open.get(runId);
  if (cached) return cached;
  const opening = deps.openTarget(target);
  open.set(runId, opening);
  // A target that could not be opened is not remembered: the run fails, a retry opens it afresh.
  opening.catch(() => {
    if (open.get(runId) === opening) open.delete(runId);
  });
  return opening;
}

/** Closes the run's session, if one was opened: when the run completes, fails or pauses for approval. */
export async function closeRunSession(deps: GraphDeps, runId: string): Promise<void> {
  const open = sessions.get(deps);
  const opening = open?.get(runId);
  if (!open || !opening) return;
  open.delete(runId);
  const session = await opening.catch(() => null);
  session?.close();
}

// A run's findings, wherever they live: in the store's working rows, written by the evaluate step
// as it evaluates (so checkpoints carry counts, not findings), or — for a run checkpointed by older
// code, paused and resumed since — in its state. Every reader (history, approval, enforcer,
// reporter, runner) goes through here, so neither place is ever half-read.

/** Rows read per query: large enough to be quick, small enough that no page stalls the event loop. */
export const FINDINGS_PAGE = 2_000;

export interface RunFindings {
  findings: Finding[];
  /** Snapshots of the failing resources (one per resource), for planning fixes without re-reading. */
  failing: Resource[];
}

type Source = Pick<State, "runId" | "findings" | "failing">;


/** Runs checkpointed before findings moved to the store kept them in their state. */
export const keptInState = (state: Source): boolean => (state.findings?.length ?? 0) > 0;

/**
 * The run's findings in evaluation order (only failing ones with `failing: true`), read page by
 * page with a turn of the event loop before each.
 */
export async function readRunFindings(store: Store, state: Source, options: { failing?: boolean } = {}): Promise<RunFindings> {
  if (keptInState(state)) {
    return { findings: options.failing ? state.findings.filter((f) => f.status === "fail") : state.findings, failing: state.failing ?? [] };
  }
  const findings: Finding[] = [];
  const failing = new Map<string, Resource>();
  for (let after: number | undefined; ;) {
    // Each page on a fresh turn of the event loop: reading and decoding one is the most a turn holds.
    await yieldToLoop();
    const page = await store.findings.readRunFindings(state.runId, { failing: options.failing ?? false, limit: FINDINGS_PAGE, ...(after === undefined ? {} : { after }) });
    for (const row of page) {
      findings.push(row.finding);
      if (row.resource) failing.set(resourceIdentity(row.resource), row.resource);
    }
    if (page.length < FINDINGS_PAGE) break;
    after = page[page.length - 1]?.seq;
  }
  return { findings, failing: [...failing.values()] };
}

/**
 * A graph node that starts on a fresh turn of the event loop. LangGraph runs one node after
 * another in promise continuations, and a sandbox target answers without I/O, so without this a
 * whole run could hold the loop from planning to report: no progress line, no lock renewal.
 */
export function onFreshTurn<S, U>(node: (state: S) => U | Promise<U>): (state: S) => Promise<U> {
  return async (state) => {
    await yieldToLoop();
    return node(state);
  };
}
