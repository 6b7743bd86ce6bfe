// The intents worker: validates each job and runs the governance graph; failures are sorted
// into "never retry" and "retry with the job's backoff" by workers/failures.ts.
import type { Job } from "bullmq";
import type { BaseCheckpointSaver } from "@langchain/langgraph";
import type { GraphDeps } from "../graphs/deps.js";
import { startRun, resumeRun } from "../graphs/runner.js";
import { jobFailure } from "./failures.js";
import { startQueueWorker, type QueueWorkerOptions, type RunningWorker } from "./start-worker.js";
import { INTENTS_QUEUE, parseIntentJob, type IntentJobResult, type ParsedIntentJob } from "../contracts/intents-queue.js";

export interface IntentWorkerDefaults {
  maxChanges: number;
  maxTranslationAttempts: number;
  translator: "offline" | "llm" | "auto";
}

export type IntentProcessor = (job: Job<unknown, IntentJobResult, string>) => Promise<IntentJobResult>;

/** agpm's own intake surfaces (their requesters already say who: "token:ci", "slack:U123"); any other source is a service's name. */
const OWN_SOURCES = new Set(["cli", "queue", "api", "slack", "dashboard", "scheduler", "schedule", "policy-schedule"]);

/** Who the audit log names: "alice", or "alice (via billing-service)" for a job another service sent. */
export function actorFor(requester: string, source: string): string {
  return OWN_SOURCES.has(source) ? requester : `${requester} (via ${source})`;
}

/** The job handler, separate from the Worker so it can be driven directly. */
export function createIntentProcessor(deps: GraphDeps, checkpointer: BaseCheckpointSaver, defaults: IntentWorkerDefaults): IntentProcessor {
  return async (job) => {
    let parsed: ParsedIntentJob;
    try {
      parsed = parseIntentJob(job.name, job.data);
    } catch (error) {
      throw jobFailure(error);
    }
    let report: IntentJobResult;
    if (parsed.name === "resume") {
      const decision = parsed.data;
      try {
        ({ report } = await resumeRun(deps, checkpointer, decision.runId, {
          approved: decision.approved, by: decision.by, at: deps.now().toISOString(), ...(decision.comment ? { comment: decision.comment } : {}),
        }));
      } catch (error) {
        throw jobFailure(error);
      }
      if (report.error) throw jobFailure(report.error);
      return report;
    }
    const { name, data } = parsed;
    try {
      ({ report } = await startRun(deps, checkpointer, {
        ...(data.options.runId ? { runId: data.options.runId } : {}),
        intent: data.intent,
        options: {
          command: name,
          apply: name === "run" && data.options.apply,
          autoApprove: data.options.autoApprove,
          maxChanges: data.options.maxChanges ?? defaults.maxChanges,
          maxTranslationAttempts: defaults.maxTranslationAttempts,
          translator: data.options.translator ?? defaults.translator,
          target: data.options.target,
          actor: actorFor(data.options.requester, data.options.source),
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
