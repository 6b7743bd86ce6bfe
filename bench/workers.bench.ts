// The workers benchmark: real `agpm worker` processes on Redis and a shared store —
// drift-to-remediation latency on a sweep schedule, sweep throughput by worker count, and
// intents per minute through the queue.
// Usage: npm run bench:workers   (settings: bench/workers/settings.ts — AGPM_BENCH_RESOURCES,
// AGPM_BENCH_LATENCY_MS, AGPM_BENCH_WORKERS="1,2,4", AGPM_BENCH_STORE=postgres|sqlite, …)
import { cpus, loadavg, totalmem } from "node:os";
import { performance } from "node:perf_hooks";
import { errorMessage } from "../core/errors.js";
import { createInfra, type BenchInfra } from "./workers/infra.js";
import { runIntentScenario } from "./workers/intents.js";
import { runLatencyScenario } from "./workers/latency.js";
import { killAllWorkers, stopOnSignals } from "./workers/processes.js";
import { printIntents, printLatency, printThroughput } from "./workers/report.js";
import { loadBenchSettings, type BenchSettings, type Scenario } from "./workers/settings.js";
import { seconds } from "./workers/stats.js";
import { runThroughputScenario } from "./workers/throughput.js";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const print = (line: string) => console.log(line);
const LATENCY_WORKERS = 2;
const LATENCY_CONCURRENCY = 2;
const INTENT_WORKERS = 2;
const INTENT_CONCURRENCY = 2;

function printSetup(settings: BenchSettings, infra: BenchInfra): void {
  const cpu = cpus();
  print(`agpm workers benchmark — ${cpu.length} CPU cores (${cpu[0]?.model.trim() ?? "unknown"}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  print(`  queues: Redis ${settings.redisUrl}, key prefix agpm-bench-${infra.id}-*; workers: \`agpm worker\` child processes (node --import tsx cli/main.ts)`);
  print(`  store shared by the workers: ${infra.storeDescription}`);
}

async function runScenario(scenario: Scenario, settings: BenchSettings, infra: BenchInfra, cores: number): Promise<void> {
  const started = performance.now();
  // Other work on the machine skews every figure: say how loaded it was going in.
  const load = () => loadavg().map((l) => l.toFixed(1)).join(" ");
  const loadAtStart = load();
  if (scenario === "latency") {
    print(`\n1. drift → verified: demo account, enforce-mode S3 policy swept every ${seconds(settings.everyMs, 0)} (apply), ${LATENCY_WORKERS} worker processes × ${LATENCY_CONCURRENCY} jobs, ${settings.drifts} drifts (a bucket loses its default encryption)`);
    const result = await runLatencyScenario(infra, { drifts: settings.drifts, everyMs: settings.everyMs, workers: LATENCY_WORKERS, concurrency: LATENCY_CONCURRENCY }, print);
    print(`  account: ${result.buckets} buckets in ${result.regions} regions`);
    printLatency(print, result, settings.everyMs);
  } else if (scenario === "throughput") {
    print(`\n2. sweep throughput: generated account of ~${settings.resources.toLocaleString("en-US")} resources, ${settings.latencyMs} ms injected per API call, worker processes ${settings.workerCounts.join("/")} × ${settings.jobConcurrency} jobs each, ${settings.sdkConcurrency} SDK calls in flight per run`);
    const result = await runThroughputScenario(infra, { ...settings, timeoutMs: 15 * 60_000 }, print);
    print(`  account generated in ${seconds(result.generateMs)}`);
    printThroughput(print, result, settings.jobConcurrency, cores);
  } else {
    print(`\n3. intents through the queue: offline translator, \`check\` on the demo account`);
    const result = await runIntentScenario(infra, { intents: settings.intents, workers: INTENT_WORKERS, concurrency: INTENT_CONCURRENCY, timeoutMs: 5 * 60_000 });
    printIntents(print, result, INTENT_WORKERS, INTENT_CONCURRENCY, cores);
  }
  print(`  (scenario took ${seconds(performance.now() - started, 1)}; load average at its start ${loadAtStart}, now ${load()})`);
}

async function main(): Promise<number> {
  const settings = loadBenchSettings(process.env);
  const infra = await createInfra({ redisUrl: settings.redisUrl, adminDatabaseUrl: settings.adminDatabaseUrl, store: settings.store, keepDir: settings.keepLogs, workerNodeArgs: settings.workerNodeArgs });
  stopOnSignals(infra.cleanup, print);
  const started = performance.now();
  let code = 0;
  try {
    printSetup(settings, infra);
    for (const scenario of settings.scenarios) await runScenario(scenario, settings, infra, cpus().length);
  } catch (error) {
    print(`\nbenchmark failed: ${errorMessage(error)}`);
    code = 1;
  } finally {
    killAllWorkers();
    const problems = await infra.cleanup();
    print(`\ntotal ${seconds(performance.now() - started, 1)}; cleaned up Redis keys${infra.store === "postgres" ? ", the database" : ""}${settings.keepLogs ? ` (logs kept in ${infra.dir})` : " and the temp folder"}${problems.length > 0 ? ` — except: ${problems.join("; ")}` : ""}`);
  }
  return code;
}

process.exitCode = await main();
