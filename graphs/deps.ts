// What the graph's nodes are given at construction: store, translators, target opener, clock.
// Nodes never read process.env or build their own clients.
import type { Store } from "../store/index.js";
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
