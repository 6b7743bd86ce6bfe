// Jobs on the intents queue as the API shows them, the run → job link kept for queued runs,
// and `?wait=true`: waiting for a job within a bound and answering with what is known.
import { Job } from "bullmq";
import { z } from "zod";
import { AgpmError, errorMessage, isAgpmError } from "../core/errors.js";
import type { RunReport } from "../agents/reporter/report.js";
import type { IntentsQueue } from "../client/producer.js";
import { waitForResult } from "../client/producer.js";
import { connectionOf, prefixOf, type RedisClient } from "../client/connection.js";
import type { ApiDeps } from "./deps.js";
import { publicMessage } from "./errors.js";
import { QueryBooleanSchema } from "./pagination.js";
import type { JobView, Submission } from "./schemas.js";

export const MAX_WAIT_SECONDS = 300;
/** How long the server remembers which job carries a run that has not started yet. */
const RUN_JOB_TTL_SECONDS = 7 * 24 * 3600;

export const WaitQuerySchema = z.strictObject({
  wait: QueryBooleanSchema.optional().describe("wait for the job to finish (up to timeout) and answer with its report"),
  timeout: z.coerce.number().int().min(1).max(MAX_WAIT_SECONDS).default(60).describe(`with wait: seconds to wait, 1–${MAX_WAIT_SECONDS}`),
});
export type WaitQuery = z.output<typeof WaitQuerySchema>;

type IntentsJob = Job<unknown, RunReport, string>;
type JobState = JobView["state"];

const runKey = (queue: IntentsQueue, runId: string) => `${prefixOf(queue)}:api:run-job:${runId}`;

/**
 * Runs a queue operation; a Redis failure becomes QUEUE_UNAVAILABLE (503) instead of a bare 500.
 * agpm's own errors (INPUT_INVALID from a payload check) pass through.
 */
export async function onQueue<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (isAgpmError(error)) throw error;
    throw new AgpmError("QUEUE_UNAVAILABLE", `queue operation failed: ${errorMessage(error)}`, { cause: error });
  }
}

/** The queue's own connection (openIntentsQueue gives it one ioredis client). */
function redisOf(queue: IntentsQueue): RedisClient {
  const connection = connectionOf(queue);
  if (!connection) throw new AgpmError("INTERNAL", "the API needs an intents queue opened with openIntentsQueue");
  return connection;
}

export async function rememberRunJob(queue: IntentsQueue, runId: string, jobId: string): Promise<void> {
  await onQueue(() => redisOf(queue).set(runKey(queue, runId), jobId, "EX", RUN_JOB_TTL_SECONDS));
}

export async function jobForRun(queue: IntentsQueue, runId: string): Promise<string | null> {
  return onQueue(() => redisOf(queue).get(runKey(queue, runId)));
}

export async function findJob(queue: IntentsQueue, jobId: string): Promise<IntentsJob | null> {
  return ((await onQueue(() => Job.fromId(queue, jobId))) as IntentsJob | undefined) ?? null;
}

/** The run a job carries: chosen by the producer (intents) or named by the decision (resume). */
export function runIdOf(job: IntentsJob): string | null {
  const data = job.data as { runId?: unknown; options?: { runId?: unknown } } | null;
  const id = data?.runId ?? data?.options?.runId;
  return typeof id === "string" ? id : null;
}

/** "CODE: message" (how workers word a failure) as the error clients see. */
export function failureOf(reason: string | undefined): { code: string; message: string } {
  const match = /^([A-Z][A-Z_]+): ([\s\S]*)$/.exec(reason ?? "");
  const code = match?.[1] ?? "INTERNAL";
  return { code, message: publicMessage(code, match?.[2] ?? reason ?? "the job failed") };
}

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

export async function jobView(job: IntentsJob): Promise<JobView> {
  const state = (await job.getState()) as JobState;
  return {
    id: job.id ?? "",
    name: job.name,
    state,
    runId: runIdOf(job),
    attemptsMade: job.attemptsMade,
    createdAt: iso(job.timestamp),
    finishedAt: iso(job.finishedOn),
    failedReason: state === "failed" ? failureOf(job.failedReason).message : null,
    report: state === "completed" ? (job.returnvalue ?? null) : null,
  };
}

/**
 * The answer to a submission: at once (202, the job's state) or, with `wait`, when the job has
 * finished (200, its report or its failure) — or 202 again when it outlasts the timeout.
 */
export async function answerSubmission(deps: ApiDeps, runId: string, jobId: string, wait: WaitQuery): Promise<{ status: 200 | 202; body: Submission }> {
  const body = (state: JobState, report: RunReport | null = null, error: Submission["error"] = null): Submission => ({
    runId, jobId, state, links: { run: `/v1/runs/${runId}`, job: `/v1/jobs/${jobId}` }, report, error,
  });
  const stateOf = async (job: IntentsJob | null): Promise<JobState> => (job ? ((await job.getState()) as JobState) : "unknown");
  if (!wait.wait) return { status: 202, body: body(await stateOf(await findJob(deps.intents, jobId))) };
  try {
    return { status: 200, body: body("completed", await waitForResult(deps.intents, jobId, wait.timeout * 1000)) };
  } catch {
    // A failure and a timeout look alike from here; the job's state tells them apart.
  }
  const job = await findJob(deps.intents, jobId);
  const state = await stateOf(job);
  if (state === "failed" && job) {
    // A run that failed in the graph stored its report; show it with the reason.
    const run = await deps.store.runs.getRun(runId);
    return { status: 200, body: body(state, (run?.result as RunReport | null | undefined) ?? null, failureOf(job.failedReason)) };
  }
  if (state === "completed" && job) return { status: 200, body: body(state, job.returnvalue ?? null) };
  return { status: 202, body: body(state) };
}
