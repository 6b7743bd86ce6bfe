// The intents worker: validates each job and runs the governance graph; failures are sorted
// into "never retry" and "retry with the job's backoff" by workers/failures.ts.
import { Worker, type Job } from "bullmq";
import type { BaseCheckpointSaver } from "@langchain/langgraph";
import type { GraphDeps } from "../graphs/deps.js";
import { startRun } from "../graphs/runner.js";
import { jobFailure } from "./failures.js";
import { createRedisConnection, queuePrefix, type QueueConnectionSettings } from "./connection.js";
import { INTENTS_QUEUE, parseIntentJob, type IntentJobData, type IntentJobName, type IntentJobResult } from "./intents-queue.js";

export interface IntentWorkerDefaults {
  maxChanges: number;
  maxTranslationAttempts: number;
  translator: "offline" | "llm" | "auto";
}

export type IntentProcessor = (job: Job<unknown, IntentJobResult, string>) => Promise<IntentJobResult>;

/** The job handler, separate from the Worker so it can be driven directly. */
export function createIntentProcessor(deps: GraphDeps, checkpointer: BaseCheckpointSaver, defaults: IntentWorkerDefaults): IntentProcessor {
  return async (job) => {
    let parsed: { name: IntentJobName; data: IntentJobData };
    try {
      parsed = parseIntentJob(job.name, job.data);
    } catch (error) {
      throw jobFailure(error);
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
      throw jobFailure(error);
    }
    // A refused or untranslatable intent is part of the report; the job still fails with its reason.
    if (report.error) throw jobFailure(report.error);
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
