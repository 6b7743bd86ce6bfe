// `agpm worker`: runs queue workers until SIGTERM/SIGINT, then drains active jobs and exits.
// Logs are JSON lines on stderr; Prometheus metrics are served on AGPM_METRICS_PORT.
import type { Job } from "bullmq";
import { z } from "zod";
import { AgpmError } from "../../core/errors.js";
import { createLogger, createMetrics, startMetricsServer, type Logger, type Metrics } from "../../observability/index.js";
import type { RunReport } from "../../agents/reporter/report.js";
import { createIntentProcessor, startIntentWorker } from "../../workers/intents-worker.js";
import { INTENTS_QUEUE } from "../../contracts/intents-queue.js";
import { assertReachable, createRedisConnection, redactRedisUrl } from "../../client/connection.js";
import { openSweepsQueue } from "../../client/producer.js";
import { SWEEPS_QUEUE, type SweepJobResult, type SweepPolicyResult } from "../../contracts/sweeps-queue.js";
import { createSweepProcessor, startSweepWorker } from "../../workers/sweeps-worker.js";
import type { RunningWorker } from "../../workers/start-worker.js";
import { withProgress, type App } from "../app.js";
import { EXIT } from "../exit-codes.js";
import type { CliIo } from "../io.js";

const QUEUES = [INTENTS_QUEUE, SWEEPS_QUEUE] as const;

export const WorkerFlagsSchema = z.object({
  concurrency: z.coerce.number().int().min(1).max(256).default(1),
  queues: z.string().default(QUEUES.join(",")).transform((s) => s.split(",").map((q) => q.trim()).filter((q) => q !== "")),
  metricsPort: z.coerce.number().int().min(0).max(65535).optional(),
  metrics: z.boolean().default(true),
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

const REMEDIATION_RESULTS = new Set(["verified", "failed", "manual", "planned", "skipped", "proposed"] as const);
type RemediationResult = Parameters<Metrics["remediation"]>[1];

/** Findings, drift and remediation counters from what a finished job reports. */
function recordResult(metrics: Metrics, result: RunReport | SweepJobResult | undefined): void {
  if (!result || !("summary" in result) || !("status" in result)) return;
  const policyId = "policyId" in result ? result.policyId : result.policy?.id;
  if (!policyId) return;
  const s = result.summary;
  metrics.findings(policyId, { pass: s.passed, fail: s.failed, skip: s.skipped, error: s.errors });
  if (result.drift?.drift) metrics.drift(policyId, result.drift.drift);
  const remediations = "remediations" in result
    ? (result as SweepPolicyResult).remediations
    : (result as RunReport).actions.map((a) => ({ action: a.action, status: a.status, count: 1 }));
  for (const { action, status, count } of remediations) {
    if (!REMEDIATION_RESULTS.has(status as RemediationResult)) continue;
    for (let i = 0; i < count; i++) metrics.remediation(action, status as RemediationResult);
  }
}

function watch<R>(running: RunningWorker<R>, queue: string, log: Logger, metrics: Metrics): void {
  const seconds = (job: Job) => ((job.finishedOn ?? Date.now()) - (job.processedOn ?? Date.now())) / 1000;
  running.worker.on("error", (error) => log.warn({ queue, err: error.message }, "redis or worker error (reconnecting)"));
  running.worker.on("completed", (job) => {
    const result = job.returnvalue as RunReport | SweepJobResult | undefined;
    const runId = result && "runId" in result ? result.runId : undefined;
    log.info({ queue, jobId: job.id, name: job.name, runId, sweepId: result && "sweepId" in result ? result.sweepId : undefined }, "job completed");
    metrics.jobFinished(queue, job.name, "completed", seconds(job));
    recordResult(metrics, result);
  });
  running.worker.on("failed", (job, error) => {
    if (!job) return;
    const final = error.name === "UnrecoverableError" || job.attemptsMade >= (job.opts.attempts ?? 1);
    const outcome = error.name === "UnrecoverableError" ? "unrecoverable" : final ? "failed" : "retried";
    log.warn({ queue, jobId: job.id, name: job.name, attempt: job.attemptsMade, outcome, reason: error.message }, "job failed");
    metrics.jobFinished(queue, job.name, outcome, seconds(job));
  });
}

export async function runWorker(app: App, io: CliIo, rawFlags: Record<string, unknown>, stop: Promise<string> = terminationSignal()): Promise<number> {
  const flags = WorkerFlagsSchema.parse(rawFlags);
  const unknown = flags.queues.filter((q) => !(QUEUES as readonly string[]).includes(q));
  if (unknown.length > 0) throw new AgpmError("INPUT_INVALID", `unknown queue ${unknown.join(", ")} (available: ${QUEUES.join(", ")})`);
  const probe = createRedisConnection(app.config.redisUrl, "producer");
  await assertReachable(probe, app.config.redisUrl).finally(() => probe.disconnect());
  const log = createLogger({ level: app.config.logLevel, destination: { write: (line: string) => io.stderr(line) } });
  const metrics = createMetrics();
  const deps = withProgress(app, (event) => {
    if (event.type !== "stage" && event.type !== "evaluated") metrics.observeAws(event);
  });
  const settings = { url: app.config.redisUrl, prefix: app.config.queuePrefix, concurrency: flags.concurrency, lockDurationMs: app.config.workerLockMs };
  const defaults = {
    maxChanges: app.config.maxChanges, maxTranslationAttempts: app.config.maxTranslationAttempts, translator: app.config.translator,
    // A (policy, region) lock outlives a dead worker no longer than its jobs do.
    lockMs: app.config.workerLockMs,
  };
  const running: Array<RunningWorker<unknown>> = [];
  const sweeps = flags.queues.includes(SWEEPS_QUEUE) ? openSweepsQueue(settings, "worker") : null;
  if (flags.queues.includes(INTENTS_QUEUE)) {
    const worker = startIntentWorker(createIntentProcessor(deps, app.checkpointer, defaults), settings);
    watch(worker, INTENTS_QUEUE, log, metrics);
    running.push(worker as RunningWorker<unknown>);
  }
  if (sweeps) {
    const worker = startSweepWorker(createSweepProcessor(deps, app.checkpointer, sweeps.queue, defaults), settings);
    watch(worker, SWEEPS_QUEUE, log, metrics);
    running.push(worker as RunningWorker<unknown>);
  }
  await Promise.all(running.map((r) => r.worker.waitUntilReady()));
  const port = flags.metricsPort ?? app.config.metricsPort;
  const server = flags.metrics ? await startMetricsServer(metrics, { port }) : null;
  log.info(
    { queues: flags.queues, concurrency: flags.concurrency, metricsPort: server?.port ?? null },
    `agpm worker: ${flags.queues.join(", ")} on ${redactRedisUrl(app.config.redisUrl)} (concurrency ${flags.concurrency})`,
  );
  const signal = await stop;
  log.info({ signal }, `agpm worker: ${signal}: finishing active jobs`);
  await Promise.all(running.map((r) => r.close()));
  await sweeps?.close();
  await server?.close();
  log.info("agpm worker: stopped");
  return EXIT.ok;
}
