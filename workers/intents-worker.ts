// The intents worker: validates each job, runs the governance graph, and sorts failures
// into "never retry" (UnrecoverableError) and "retry with the job's backoff" (thrown).
import { UnrecoverableError, Worker, type Job } from "bullmq";
import type { BaseCheckpointSaver } from "@langchain/langgraph";
import { errorMessage, isAgpmError, type ErrorCode } from "../core/errors.js";
import type { GraphDeps } from "../graphs/deps.js";
import { startRun } from "../graphs/runner.js";
import { createRedisConnection, queuePrefix, type QueueConnectionSettings } from "./connection.js";
import { INTENTS_QUEUE, parseIntentJob, type IntentJobData, type IntentJobName, type IntentJobResult } from "./intents-queue.js";

/** Same request, same answer: retrying these would only fail again. */
const DETERMINISTIC: ReadonlySet<string> = new Set<ErrorCode>([
  "INPUT_INVALID", "INTENT_UNTRANSLATABLE", "INTENT_NEEDS_CONFIRMATION", "POLICY_INVALID", "POLICY_NOT_FOUND",
  "VALIDATION_FAILED", "SANDBOX_FILE_INVALID", "CONFIG_INVALID",
]);
const NETWORK_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "EPIPE", "EAI_AGAIN", "ENOTFOUND", "ENETUNREACH"]);

/** Throttling, network trouble and AWS 5xx: worth another attempt later. */
export function isTransientFailure(error: { code?: unknown; details?: Record<string, unknown> }): boolean {
  if (error.code === "AWS_THROTTLED") return true;
  if (typeof error.code === "string" && NETWORK_CODES.has(error.code)) return true;
  const status = error.details?.httpStatus;
  return error.code === "AWS_ERROR" && typeof status === "number" && status >= 500;
}

export interface IntentWorkerDefaults {
  maxChanges: number;
  maxTranslationAttempts: number;
  translator: "offline" | "llm" | "auto";
}

export type IntentProcessor = (job: Job<unknown, IntentJobResult, string>) => Promise<IntentJobResult>;

function failureFor(error: { code: string; message: string }): Error {
  if (DETERMINISTIC.has(error.code)) return new UnrecoverableError(`${error.code}: ${error.message}`);
  return Object.assign(new Error(`${error.code}: ${error.message}`), { code: error.code });
}

/** The job handler, separate from the Worker so it can be driven directly. */
export function createIntentProcessor(deps: GraphDeps, checkpointer: BaseCheckpointSaver, defaults: IntentWorkerDefaults): IntentProcessor {
  return async (job) => {
    let parsed: { name: IntentJobName; data: IntentJobData };
    try {
      parsed = parseIntentJob(job.name, job.data);
    } catch (error) {
      throw new UnrecoverableError(isAgpmError(error) ? `${error.code}: ${error.message}` : errorMessage(error));
    }
    const { name, data } = parsed;
    let report: IntentJobResult;
    try {
      ({ report } = await startRun(deps, checkpointer, {
        intent: data.intent,
        options: {
          command: name,
          apply: name === "run" && data.options.apply,
          autoApprove: data.options.autoApprove,
          maxChanges: data.options.maxChanges ?? defaults.maxChanges,
          maxTranslationAttempts: defaults.maxTranslationAttempts,
          translator: data.options.translator ?? defaults.translator,
          target: data.options.target,
          actor: data.options.requester,
          source: data.options.source,
        },
      }));
    } catch (error) {
      const shaped = error as { code?: unknown; details?: Record<string, unknown> };
      if (isTransientFailure(shaped) || !isAgpmError(error)) throw error;
      throw failureFor(error);
    }
    // A refused or untranslatable intent is part of the report; the job still fails, once.
    if (report.error && (DETERMINISTIC.has(report.error.code) || isTransientFailure(report.error))) throw failureFor(report.error);
    return report;
  };
}

export interface IntentWorkerOptions extends QueueConnectionSettings {
  concurrency?: number;
}

export interface RunningWorker {
  worker: Worker<unknown, IntentJobResult, string>;
  /** Stops taking jobs, waits for active ones to finish, then releases the connection. */
  close(): Promise<void>;
}

export function startIntentWorker(processor: IntentProcessor, options: IntentWorkerOptions): RunningWorker {
  const connection = createRedisConnection(options.url, "worker");
  const worker = new Worker<unknown, IntentJobResult, string>(INTENTS_QUEUE, processor, {
    connection,
    prefix: queuePrefix(options),
    concurrency: options.concurrency ?? 1,
  });
  // Without a listener an "error" event (e.g. a Redis blip) would crash the process; ioredis reconnects.
  worker.on("error", () => undefined);
  return {
    worker,
    async close() {
      await worker.close();
      connection.disconnect();
    },
  };
}
