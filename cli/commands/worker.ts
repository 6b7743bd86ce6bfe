// `agpm worker`: runs queue workers until SIGTERM/SIGINT, then drains active jobs and exits.
import { z } from "zod";
import { AgpmError } from "../../core/errors.js";
import { createIntentProcessor, startIntentWorker, type RunningWorker } from "../../workers/intents-worker.js";
import { INTENTS_QUEUE } from "../../workers/intents-queue.js";
import type { App } from "../app.js";
import { EXIT } from "../exit-codes.js";
import type { CliIo } from "../io.js";

const QUEUES = [INTENTS_QUEUE] as const;

export const WorkerFlagsSchema = z.object({
  concurrency: z.coerce.number().int().min(1).max(256).default(1),
  queues: z.string().default(INTENTS_QUEUE).transform((s) => s.split(",").map((q) => q.trim()).filter((q) => q !== "")),
});

/** Resolves on the first SIGTERM or SIGINT. */
export function terminationSignal(): Promise<string> {
  return new Promise((resolve) => {
    const on = (signal: string) => {
      process.off("SIGTERM", on);
      process.off("SIGINT", on);
      resolve(signal);
    };
    process.once("SIGTERM", on);
    process.once("SIGINT", on);
  });
}

export async function runWorker(app: App, io: CliIo, rawFlags: Record<string, unknown>, stop: Promise<string> = terminationSignal()): Promise<number> {
  const flags = WorkerFlagsSchema.parse(rawFlags);
  const unknown = flags.queues.filter((q) => !(QUEUES as readonly string[]).includes(q));
  if (unknown.length > 0) throw new AgpmError("INPUT_INVALID", `unknown queue ${unknown.join(", ")} (available: ${QUEUES.join(", ")})`);
  const prefix = app.config.queuePrefix;
  const processor = createIntentProcessor(app.deps, app.checkpointer, {
    maxChanges: app.config.maxChanges, maxTranslationAttempts: app.config.maxTranslationAttempts, translator: app.config.translator,
  });
  const running: RunningWorker = startIntentWorker(processor, { url: app.config.redisUrl, ...(prefix ? { prefix } : {}), concurrency: flags.concurrency });
  running.worker.on("error", (error) => io.stderr(`agpm worker: ${error.message} (reconnecting)\n`));
  running.worker.on("failed", (job, error) => io.stderr(`job ${job?.id ?? "?"} (${job?.name ?? "?"}) failed: ${error.message}\n`));
  running.worker.on("completed", (job) => io.stderr(`job ${job.id ?? "?"} (${job.name}) completed: run ${job.returnvalue.runId}\n`));
  await running.worker.waitUntilReady();
  io.stderr(`agpm worker: ${flags.queues.join(", ")} on ${app.config.redisUrl} (concurrency ${flags.concurrency})\n`);
  const signal = await stop;
  io.stderr(`agpm worker: ${signal}: finishing active jobs…\n`);
  await running.close();
  io.stderr("agpm worker: stopped\n");
  return EXIT.ok;
}
