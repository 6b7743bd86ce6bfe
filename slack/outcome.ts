// Waiting for a job on the intents queue, in the background after Slack has had its answer: its
// report when it finishes, its stored report and reason when it fails, or "still going" after the wait.
import type { RunReport } from "../agents/reporter/report.js";
import type { ApiDeps } from "../api/deps.js";
import { failureOf, findJob } from "../api/jobs.js";
import { waitForResult } from "../client/producer.js";

/**
 * waitForResult cannot be cancelled and holds a Redis connection until it returns, so a closing
 * server would linger for a whole run; waiting in slices bounds that to one slice.
 */
export const WAIT_SLICE_MS = 5_000;

export interface JobOutcome {
  /** "completed" or "failed" once finished; the job's state (e.g. "active") when the wait ran out. */
  state: string;
  report: RunReport | null;
  failure: { code: string; message: string } | null;
}

/** Waits up to `timeoutMs` (less if `signal` aborts: the server is closing) for a job to finish. */
export async function waitForOutcome(deps: ApiDeps, runId: string, jobId: string, timeoutMs: number, signal?: AbortSignal): Promise<JobOutcome> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const slice = Math.max(1, Math.min(WAIT_SLICE_MS, until - Date.now()));
    try {
      return { state: "completed", report: await waitForResult(deps.intents, jobId, slice), failure: null };
    } catch {
      // A failed job and a slice that ran out look alike from here; the job's state tells them apart.
    }
    const job = await findJob(deps.intents, jobId);
    if (!job) return { state: "unknown", report: null, failure: null };
    const state = await job.getState();
    if (state === "failed") {
      // A run that failed in the graph stored its report; a payload refused before the run began did not.
      const run = await deps.store.runs.getRun(runId);
      return { state, report: (run?.result as RunReport | null | undefined) ?? null, failure: failureOf(job.failedReason) };
    }
    if (state === "completed") return { state, report: job.returnvalue ?? null, failure: null };
    if (Date.now() >= until || signal?.aborted) return { state, report: null, failure: null };
  }
}
