// Scenario 3 — intents through the queue: distinct `check` intents (one per catalogue control,
// then the same scoped to a region) submitted at once to the intents queue and worked by
// `agpm worker` processes with the offline translator.
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { Job } from "bullmq";
import { parseIntent } from "../../language/parse.js";
import { MIN_CONFIDENCE } from "../../agents/translator/offline.js";
import { ANY_KIND } from "../../engine/control.js";
import { CONTROLS } from "../../engine/registry.js";
import { generateDemoAccount, writeSandboxFile } from "../../tools/aws/sandbox/index.js";
import type { Target } from "../../tools/aws/target.js";
import { openIntentsQueue, submitIntent, type IntentsQueue } from "../../client/producer.js";
import { startCpuMeter, type CpuUse } from "./cpu.js";
import type { BenchInfra } from "./infra.js";
import { startWorkers, type WorkerProcess } from "./processes.js";
import { summarise, type SampleSummary } from "./stats.js";

export interface IntentSettings {
  intents: number;
  workers: number;
  /** Jobs at once per worker process. */
  concurrency: number;
  timeoutMs: number;
}

export interface IntentResult {
  /** Untimed jobs run first, one per job slot. */
  warmUp: number;
  submitted: number;
  completed: number;
  failed: Array<{ intent: string; reason: string }>;
  wallMs: number;
  /** Time a job spent in a worker. */
  processing: SampleSummary;
  /** Time from submission to being picked up. */
  waiting: SampleSummary;
  cpu: CpuUse;
  logFiles: string[];
}

const SCOPES = ["", " in eu-west-1", " in us-east-1", " in us-west-2"];

/** Whether the offline translator would take the intent (its refusal rules, without building a policy). */
function translatable(intent: string): boolean {
  const parsed = parseIntent(intent);
  return parsed.controls.length > 0 && parsed.outOfScope.length === 0 && parsed.confidence >= MIN_CONFIDENCE && parsed.weakening === null && parsed.injection === null;
}

/** Distinct intents across the catalogue's kinds, each one the offline translator accepts: `count` to time, `warmUp` before them. */
export function benchIntents(count: number, warmUp: number): { timed: string[]; warmUp: string[] } {
  const titles = CONTROLS.filter((c) => c.kind !== ANY_KIND).map((c) => c.title);
  const all = SCOPES.flatMap((scope) => titles.map((title) => `Ensure ${title}${scope}`)).filter(translatable);
  // Warm-up intents are worded apart ("Make sure") so they never fold into a timed one.
  return { timed: all.slice(0, count), warmUp: all.slice(0, warmUp).map((i) => i.replace(/^Ensure /, "Make sure ")) };
}

async function submitAll(queue: IntentsQueue, intents: readonly string[], target: Target): Promise<Array<{ intent: string; jobId: string }>> {
  const ids: Array<{ intent: string; jobId: string }> = [];
  for (const intent of intents) {
    const { jobId } = await submitIntent(queue, { intent, options: { target, requester: "bench", source: "bench" } }, { name: "check" });
    ids.push({ intent, jobId });
  }
  return ids;
}

async function waitForAll(queue: IntentsQueue, total: number, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    // The prefix is this scenario's own, so the queue's counts are exactly our jobs.
    const counts = await queue.getJobCounts("completed", "failed");
    if ((counts.completed ?? 0) + (counts.failed ?? 0) >= total) return;
    if (performance.now() > deadline) throw new Error(`only ${(counts.completed ?? 0) + (counts.failed ?? 0)} of ${total} intents finished within ${timeoutMs / 1000} s`);
    await sleep(50);
  }
}

export async function runIntentScenario(infra: BenchInfra, settings: IntentSettings): Promise<IntentResult> {
  const file = join(infra.dir, "intents-sandbox.json");
  writeSandboxFile(file, generateDemoAccount());
  const target: Target = { type: "sandbox", file };
  const prefix = infra.prefix("intents");
  const producer = openIntentsQueue({ url: infra.redisUrl, prefix });
  // One warm-up job per job slot: each worker's first runs load the AWS SDK and compile the graph.
  const intents = benchIntents(settings.intents, settings.workers * settings.concurrency);
  let workers: WorkerProcess[] = [];
  try {
    workers = await startWorkers(Array.from({ length: settings.workers }, (_, i) => ({
      name: `intents-${i + 1}`, queues: ["intents"], concurrency: settings.concurrency, dir: join(infra.dir, "intent-workers"), nodeArgs: infra.workerNodeArgs,
      env: { ...infra.workerEnv(prefix), AGPM_TRANSLATOR: "offline" },
    })));
    const warmUp = await submitAll(producer.queue, intents.warmUp, target);
    await waitForAll(producer.queue, new Set(warmUp.map((i) => i.jobId)).size, settings.timeoutMs);
    const meter = startCpuMeter(workers.map((w) => w.pid));
    const startedAt = Date.now();
    const ids = await submitAll(producer.queue, intents.timed, target);
    await waitForAll(producer.queue, new Set([...warmUp, ...ids].map((i) => i.jobId)).size, settings.timeoutMs);
    const cpu = meter();
    const jobs = await Promise.all(ids.map(async ({ intent, jobId }) => {
      const job = await Job.fromId(producer.queue, jobId);
      return { intent, job, state: job ? await job.getState() : "unknown" };
    }));
    const finishedAt = Math.max(...jobs.map(({ job }) => job?.finishedOn ?? 0));
    const done = jobs.flatMap(({ intent, job, state }) => (job?.finishedOn && job.processedOn ? [{ intent, job, state, processedOn: job.processedOn, finishedOn: job.finishedOn }] : []));
    const failed = done.filter(({ state }) => state === "failed").map(({ intent, job }) => ({ intent, reason: job.failedReason.slice(0, 200) }));
    return {
      warmUp: warmUp.length,
      submitted: ids.length,
      completed: done.length - failed.length,
      failed,
      wallMs: finishedAt - startedAt,
      processing: summarise(done.map((d) => d.finishedOn - d.processedOn)),
      waiting: summarise(done.map((d) => d.processedOn - d.job.timestamp)),
      cpu,
      logFiles: workers.map((w) => w.logFile),
    };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await producer.close();
  }
}
