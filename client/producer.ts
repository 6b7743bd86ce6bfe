// Producing jobs — intents and sweeps — and waiting for their results: the API other services import.
import { Job, Queue, QueueEvents } from "bullmq";
import { AgpmError, errorMessage } from "../core/errors.js";
import { assertReachable, connectionOf, createRedisConnection, duplicateForBlocking, prefixOf, queuePrefix, type QueueConnectionSettings } from "./connection.js";
import {
  DEFAULT_DEDUP_WINDOW_MS, INTENTS_QUEUE, intentDedupId, parseIntentJob,
  type IntentCommandName, type IntentJobData, type IntentJobInput, type IntentJobName, type IntentJobResult, type ResumeJobData, type ResumeJobInput,
} from "../contracts/intents-queue.js";
import { parseSweepJob, SWEEPS_QUEUE, type SweepJobInput, type SweepJobResult } from "../contracts/sweeps-queue.js";

/** Keep finished jobs long enough for `--wait` and later look-ups, but bounded. */
export const SWEEP_RETENTION = { removeOnComplete: { age: 24 * 3600, count: 1_000 }, removeOnFail: { age: 7 * 24 * 3600 } };

export type IntentsQueue = Queue<IntentJobData | ResumeJobData, IntentJobResult, IntentJobName>;
export type SweepsQueue = Queue<unknown, SweepJobResult, string>;

export interface Producer<Q> {
  queue: Q;
  /** Rejects with QUEUE_UNAVAILABLE and how to start Redis when it cannot be reached. */
  ready(): Promise<void>;
  close(): Promise<void>;
}
export type IntentsProducer = Producer<IntentsQueue>;
export type SweepsProducer = Producer<SweepsQueue>;

/**
 * Opens a queue for producing; close() releases its connection. "producer" connections fail
 * fast (a CLI reports an unreachable Redis); "worker" ones wait out a Redis restart.
 */
function openQueue<Q extends Queue>(name: string, settings: QueueConnectionSettings, role: "producer" | "worker"): Producer<Q> {
  const prefix = queuePrefix(settings);
  const connection = createRedisConnection(settings.url, role);
  const queue = new Queue(name, { connection, prefix }) as Q;
  // Connection trouble surfaces through ready() and the failing call, not as console noise.
  queue.on("error", () => undefined);
  return {
    queue,
    ready: () => assertReachable(connection, settings.url),
    async close() {
      await queue.close();
      connection.disconnect();
    },
  };
}

export function openIntentsQueue(settings: QueueConnectionSettings): IntentsProducer {
  return openQueue<IntentsQueue>(INTENTS_QUEUE, settings, "producer");
}

/** The sweeps queue; workers open it with role "worker" to add children that must not be lost to a Redis blip. */
export function openSweepsQueue(settings: QueueConnectionSettings, role: "producer" | "worker" = "producer"): SweepsProducer {
  return openQueue<SweepsQueue>(SWEEPS_QUEUE, settings, role);
}

/**
 * Validates and enqueues a sweep now.
 * @throws AgpmError INPUT_INVALID when the payload is invalid (nothing is enqueued).
 */
export async function requestSweep(queue: SweepsQueue, payload: SweepJobInput): Promise<{ jobId: string }> {
  const { data } = parseSweepJob("sweep", payload);
  const job = await queue.add("sweep", data, { attempts: 3, backoff: { type: "exponential", delay: 2_000 }, ...SWEEP_RETENTION });
  if (!job.id) throw new AgpmError("INTERNAL", "the queue returned a job without an id");
  return { jobId: job.id };
}

export interface SubmitOptions {
  name?: IntentCommandName;
  /** Total tries for transient failures (throttling, network); deterministic ones never retry. */
  attempts?: number;
  /** First retry delay in ms, doubling each time. */
  backoffMs?: number;
  /** Identical submissions within this window are folded into the first one's job. */
  dedupWindowMs?: number;
}

/**
 * Validates and enqueues an intent. An identical submission (same name, intent and options)
 * within the window returns the job already queued instead of adding a second one.
 * @throws AgpmError INPUT_INVALID when the payload is invalid or too large (nothing is enqueued).
 */
export async function submitIntent(queue: IntentsQueue, payload: IntentJobInput, options: SubmitOptions = {}): Promise<{ jobId: string }> {
  const parsed = parseIntentJob(options.name ?? "run", payload);
  if (parsed.name === "resume") throw new AgpmError("INPUT_INVALID", "use submitDecision to resume a run");
  const { name, data } = parsed;
  const job = await queue.add(name, data, {
    attempts: options.attempts ?? 3,
    backoff: { type: "exponential", delay: options.backoffMs ?? 2_000 },
    deduplication: { id: intentDedupId(name, data), ttl: options.dedupWindowMs ?? DEFAULT_DEDUP_WINDOW_MS },
    // Keep finished jobs long enough for `--wait` and later look-ups, but bounded.
    removeOnComplete: { age: 24 * 3600, count: 1_000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  });
  if (!job.id) throw new AgpmError("INTERNAL", "the queue returned a job without an id");
  return { jobId: job.id };
}

/**
 * Enqueues an approver's decision on a run paused for approval; any worker carries it out (the
 * run's checkpoint is in the shared store). One decision per run is queued at a time.
 * @throws AgpmError INPUT_INVALID when the payload is invalid (nothing is enqueued).
 */
export async function submitDecision(queue: IntentsQueue, payload: ResumeJobInput): Promise<{ jobId: string }> {
  const parsed = parseIntentJob("resume", payload);
  if (parsed.name !== "resume") throw new AgpmError("INTERNAL", "parsed a decision as another job");
  const { data } = parsed;
  const job = await queue.add("resume", data, {
    attempts: 3,
    backoff: { type: "exponential", delay: 2_000 },
    deduplication: { id: `resume-${data.runId}` },
    removeOnComplete: { age: 24 * 3600, count: 1_000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  });
  if (!job.id) throw new AgpmError("INTERNAL", "the queue returned a job without an id");
  return { jobId: job.id };
}

/**
 * Waits for a job's report. Rejects with the job's failure reason, or on timeout.
 * @throws AgpmError RUN_NOT_FOUND for an unknown job id; INTERNAL with the reason when the job failed.
 */
export async function waitForResult<D, R, N extends string>(queue: Queue<D, R, N>, jobId: string, timeoutMs: number): Promise<R> {
  // QueueEvents blocks on a stream read, so it gets its own connection that never gives up.
  const own = connectionOf(queue);
  if (!own) throw new AgpmError("INTERNAL", "waitForResult needs a queue opened with openIntentsQueue or openSweepsQueue");
  const connection = duplicateForBlocking(own);
  const events = new QueueEvents(queue.name, { connection, prefix: prefixOf(queue) });
  try {
    await events.waitUntilReady();
    const job = await Job.fromId<D, R, N>(queue, jobId);
    if (!job) throw new AgpmError("RUN_NOT_FOUND", `no job ${jobId} on the ${queue.name} queue`);
    try {
      return await job.waitUntilFinished(events, timeoutMs);
    } catch (error) {
      throw new AgpmError("INTERNAL", `job ${jobId} did not finish: ${errorMessage(error)}`, { cause: error, details: { jobId } });
    }
  } finally {
    await events.close();
    connection.disconnect();
  }
}
