// The intents worker: validates each job and runs the governance graph; failures are sorted
// into "never retry" and "retry with the job's backoff" by workers/failures.ts.
import type { Job } from "bullmq";
import type { BaseCheckpointSaver } from "@langchain/langgraph";
import type { GraphDeps } from "../graphs/deps.js";
import { startRun } from "../graphs/runner.js";
import { jobFailure } from "./failures.js";
import { startQueueWorker, type QueueWorkerOptions, type RunningWorker } from "./start-worker.js";
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

export function startIntentWorker(processor: IntentProcessor, options: QueueWorkerOptions): RunningWorker<IntentJobResult> {
  return startQueueWorker(INTENTS_QUEUE, processor, options);
}
