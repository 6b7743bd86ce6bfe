// Scenario 1 — drift to verified remediation: an enforce-mode policy swept on a schedule by two
// worker processes; a bucket loses its encryption at a random moment, and the clock runs until
// the store records that agpm remediated it.
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { startRun } from "../../graphs/runner.js";
import type { Store } from "../../store/index.js";
import { generateDemoAccount, SandboxAccount, writeSandboxFile } from "../../tools/aws/sandbox/index.js";
import type { Target } from "../../tools/aws/target.js";
import { openSweepsQueue, type SweepsQueue } from "../../client/producer.js";
import { removeSchedule, upsertSchedule } from "../../client/schedules.js";
import { benchGraphDeps } from "./graph-deps.js";
import type { BenchInfra } from "./infra.js";
import { startWorkers, type WorkerProcess } from "./processes.js";
import { finishedSweeps } from "./sweep-jobs.js";
import { summarise, type SampleSummary } from "./stats.js";

export const LATENCY_INTENT = "Ensure all AWS cloud storage buckets are private and encrypted.";

export interface LatencySettings {
  drifts: number;
  everyMs: number;
  workers: number;
  /** Jobs at once per worker process. */
  concurrency: number;
}

export interface DriftSample {
  bucket: string;
  /** Drift written → remediation recorded in the store (its timestamp). */
  ms: number;
  /** Drift written → the benchmark saw the record (polling every 100 ms). */
  seenMs: number;
}

export interface LatencyResult {
  buckets: number;
  regions: number;
  policyId: string;
  fixedFirst: number;
  samples: DriftSample[];
  missed: string[];
  summary: SampleSummary;
  sweeps: SampleSummary;
  logFiles: string[];
}

const POLL_MS = 100;

/** Removes a bucket's default encryption the way another writer would: under the sandbox file's lock. */
async function dropEncryption(file: string, bucket: string): Promise<void> {
  const account = SandboxAccount.load(file);
  await account.write(() => {
    const target = account.state.s3.buckets.find((b) => b.Name === bucket);
    if (!target) throw new Error(`no bucket ${bucket} in ${file}`);
    target.Encryption = null;
  });
}

async function waitForRemediation(store: Store, bucket: string, seen: ReadonlySet<string>, start: number, wallStart: number, timeoutMs: number): Promise<DriftSample | null> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const changes = await store.history.listChanges({ change: "remediated", resourceId: bucket });
    const fresh = changes.find((c) => !seen.has(c.id));
    if (fresh) return { bucket, ms: Date.parse(fresh.at) - wallStart, seenMs: performance.now() - start };
    await sleep(POLL_MS);
  }
  return null;
}

async function publishPolicy(store: Store, target: Target): Promise<{ policyId: string; fixed: number }> {
  const { report } = await startRun(benchGraphDeps(store), store.checkpointer, {
    intent: LATENCY_INTENT,
    options: { command: "run", apply: true, autoApprove: true, maxChanges: 1_000, maxTranslationAttempts: 3, actor: "bench", target },
  });
  if (report.status !== "completed" || !report.policy) throw new Error(`publishing the policy ended ${report.status}: ${report.error?.message ?? "no policy"}`);
  return { policyId: report.policy.id, fixed: report.actions.filter((a) => a.status === "verified").length };
}

async function waitForFirstSweep(queue: SweepsQueue, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while ((await finishedSweeps(queue)).length === 0) {
    if (performance.now() > deadline) throw new Error(`no scheduled sweep finished within ${timeoutMs / 1000} s`);
    await sleep(200);
  }
}

export async function runLatencyScenario(infra: BenchInfra, settings: LatencySettings, log: (line: string) => void): Promise<LatencyResult> {
  const file = join(infra.dir, "latency-sandbox.json");
  writeSandboxFile(file, generateDemoAccount());
  const target: Target = { type: "sandbox", file };
  const prefix = infra.prefix("latency");
  const store = await infra.openStore();
  const producer = openSweepsQueue({ url: infra.redisUrl, prefix });
  let workers: WorkerProcess[] = [];
  try {
    const { policyId, fixed } = await publishPolicy(store, target);
    const state = SandboxAccount.load(file).state;
    // Buckets the policy left encrypted: dropping their encryption is a drift it must undo.
    const candidates = state.s3.buckets.filter((b) => b.Encryption).map((b) => b.Name);
    if (candidates.length === 0) throw new Error("no encrypted bucket to drift after the first run");
    const regions = new Set(state.s3.buckets.map((b) => b.Region ?? state.region)).size;
    const dir = join(infra.dir, "latency-workers");
    workers = await startWorkers(Array.from({ length: settings.workers }, (_, i) => ({
      name: `latency-${i + 1}`, queues: ["sweeps"], concurrency: settings.concurrency, dir, env: infra.workerEnv(prefix), nodeArgs: infra.workerNodeArgs,
    })));
    await upsertSchedule(producer.queue, { id: "bench-drift", every: settings.everyMs, policyIds: [policyId], options: { apply: true, target, source: "bench", requester: "bench" } });
    log(`  policy ${policyId} published (the first run fixed ${fixed} buckets); schedule every ${settings.everyMs / 1000} s; waiting for the first sweep…`);
    await waitForFirstSweep(producer.queue, settings.everyMs * 4);

    const samples: DriftSample[] = [];
    const missed: string[] = [];
    for (let i = 0; i < settings.drifts; i++) {
      // A random moment within the interval, so drift lands anywhere relative to the schedule.
      await sleep(Math.random() * settings.everyMs);
      const bucket = candidates[i % candidates.length] ?? "";
      const seen = new Set((await store.history.listChanges({ change: "remediated", resourceId: bucket })).map((c) => c.id));
      await dropEncryption(file, bucket);
      const start = performance.now();
      const wallStart = Date.now();
      const sample = await waitForRemediation(store, bucket, seen, start, wallStart, settings.everyMs * 6);
      if (sample) samples.push(sample);
      else missed.push(bucket);
      log(`  drift ${i + 1}/${settings.drifts} at ${new Date(wallStart).toISOString().slice(11, 23)}: ${bucket} ${sample ? `remediated after ${(sample.ms / 1000).toFixed(2)} s` : "NOT remediated in time"}`);
    }
    await removeSchedule(producer.queue, "bench-drift");
    const sweeps = (await finishedSweeps(producer.queue)).map((s) => s.durationMs);
    return {
      buckets: state.s3.buckets.length, regions, policyId, fixedFirst: fixed, samples, missed,
      summary: summarise(samples.map((s) => s.ms)), sweeps: summarise(sweeps), logFiles: workers.map((w) => w.logFile),
    };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await producer.close();
    await store.close();
  }
}
