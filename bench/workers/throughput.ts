// Scenario 2 — sweep throughput: a generated account behind injected per-call latency, every
// catalogue control as one audit policy per kind (so a sweep fans out into many (policy,
// region) runs), swept as a dry run by 1, 2, 4… `agpm worker` processes.
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { CONTROLS, KIND_NAMES } from "../../engine/registry.js";
import { instantiateControl } from "../../engine/instantiate.js";
import type { PolicyInput, Rule } from "../../contracts/policy.js";
import type { Store } from "../../store/index.js";
import { generateScaleAccount, writeSandboxFile } from "../../tools/aws/sandbox/index.js";
import type { Target } from "../../tools/aws/target.js";
import { openSweepsQueue, requestSweep, waitForResult, type SweepsQueue } from "../../client/producer.js";
import { startCpuMeter, type CpuUse } from "./cpu.js";
import type { BenchInfra } from "./infra.js";
import { startWorkers, type WorkerProcess } from "./processes.js";
import { childTimings, isSweepResult, type ChildTiming } from "./sweep-jobs.js";

export interface ThroughputSettings {
  resources: number;
  latencyMs: number;
  /** Worker process counts to measure, e.g. [1, 2, 4]. */
  workerCounts: number[];
  /** Jobs at once per worker process (`--concurrency`). */
  jobConcurrency: number;
  /** SDK calls in flight per run (AGPM_CONCURRENCY). */
  sdkConcurrency: number;
  timeoutMs: number;
}

export interface SweepMeasure {
  workers: number;
  wallMs: number;
  resources: number;
  runs: number;
  failures: string[];
  cpu: CpuUse;
  children: ChildTiming[];
}

export interface ThroughputResult {
  generateMs: number;
  policies: number;
  rules: number;
  baseline: SweepMeasure;
  measures: SweepMeasure[];
  logFiles: string[];
}

const slug = (kind: string) => kind.replace(/^aws\./, "").replaceAll(".", "-");

/** Every catalogue control (any-kind ones for every kind), one audit policy per kind. */
export function catalogueByKind(): PolicyInput[] {
  const rules = CONTROLS.flatMap((c) => instantiateControl(c, {}, KIND_NAMES));
  const byKind = new Map<string, Rule[]>();
  for (const rule of rules) byKind.set(rule.kind, [...(byKind.get(rule.kind) ?? []), rule]);
  return [...byKind.entries()].map(([kind, kindRules]) => ({
    id: `bench-${slug(kind)}`, version: 1, title: `every control for ${kind}`, intent: "bench", mode: "audit",
    scope: {}, rules: kindRules, exemptions: [], status: "active",
  }));
}

async function storePolicies(store: Store): Promise<{ ids: string[]; rules: number }> {
  const policies = catalogueByKind();
  for (const policy of policies) await store.policies.createPolicy(policy, "bench");
  return { ids: policies.map((p) => p.id), rules: policies.reduce((n, p) => n + p.rules.length, 0) };
}

async function measureSweep(queue: SweepsQueue, workers: readonly WorkerProcess[], policyIds: string[], target: Target, timeoutMs: number): Promise<SweepMeasure> {
  const meter = startCpuMeter(workers.map((w) => w.pid));
  const start = performance.now();
  const { jobId } = await requestSweep(queue, { policyIds, options: { apply: false, target, source: "bench", requester: "bench" } });
  const result = await waitForResult(queue, jobId, timeoutMs);
  const wallMs = performance.now() - start;
  const cpu = meter();
  if (!isSweepResult(result)) throw new Error(`sweep ${jobId} returned a child's result`);
  const failures = [
    ...result.failures.map((f) => `${f.jobId}: ${f.reason}`),
    ...result.runs.filter((r) => r.error || r.collectionErrors.length > 0).map((r) => `${r.policyId} ${r.region}: ${r.error?.message ?? r.collectionErrors.join("; ")}`),
    ...result.folded.map((f) => `${f.policyId} ${f.region}: folded into ${f.jobId}`),
  ];
  return {
    workers: workers.length, wallMs, resources: result.runs.reduce((n, r) => n + r.summary.resources, 0), runs: result.runs.length,
    failures, cpu, children: await childTimings(queue, result),
  };
}

export async function runThroughputScenario(infra: BenchInfra, settings: ThroughputSettings, log: (line: string) => void): Promise<ThroughputResult> {
  const file = join(infra.dir, "scale-sandbox.json");
  const generateStart = performance.now();
  writeSandboxFile(file, generateScaleAccount({ resources: settings.resources, seed: 7 }));
  const generateMs = performance.now() - generateStart;
  const target: Target = { type: "sandbox", file, ...(settings.latencyMs > 0 ? { faults: { latencyMs: settings.latencyMs } } : {}) };
  const prefix = infra.prefix("throughput");
  const store = await infra.openStore();
  const producer = openSweepsQueue({ url: infra.redisUrl, prefix });
  const counts = [...new Set(settings.workerCounts)].sort((a, b) => b - a);
  let workers: WorkerProcess[] = [];
  const logFiles: string[] = [];
  try {
    const { ids, rules } = await storePolicies(store);
    const dir = join(infra.dir, "throughput-workers");
    workers = await startWorkers(Array.from({ length: counts[0] ?? 1 }, (_, i) => ({
      name: `sweeps-${i + 1}`, queues: ["sweeps"], concurrency: settings.jobConcurrency, dir, nodeArgs: infra.workerNodeArgs,
      env: { ...infra.workerEnv(prefix), AGPM_CONCURRENCY: String(settings.sdkConcurrency) },
    })));
    logFiles.push(...workers.map((w) => w.logFile));
    // The first observation of a policy stores every finding's status (the history baseline);
    // later sweeps only compare. Every measured sweep is a later one, so they are alike.
    log(`  baseline sweep with ${workers.length} workers (stores the findings history)…`);
    const baseline = await measureSweep(producer.queue, workers, ids, target, settings.timeoutMs);
    const measures: SweepMeasure[] = [];
    for (const count of counts) {
      const extra = workers.slice(count);
      workers = workers.slice(0, count);
      await Promise.all(extra.map((w) => w.stop()));
      const measure = await measureSweep(producer.queue, workers, ids, target, settings.timeoutMs);
      log(`  ${count} worker${count === 1 ? "" : "s"}: ${(measure.wallMs / 1000).toFixed(1)} s`);
      measures.push(measure);
    }
    return { generateMs, policies: ids.length, rules, baseline, measures: measures.sort((a, b) => a.workers - b.workers), logFiles };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await producer.close();
    await store.close();
  }
}
