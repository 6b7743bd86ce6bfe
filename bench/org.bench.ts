// The organisation benchmark (issue 11): a sandbox organisation of N accounts × M resources, 20 ms
// injected per API call, swept — one run per (policy, account, region) — by 1, 2 and 4 real
// `agpm worker` processes sharing Redis and a PostgreSQL store. Reports resources per second, the
// Redis commands (INFO commandstats) and PostgreSQL transactions (pg_stat_database) each sweep cost,
// and CPU, so where it stops scaling shows.
// Usage: npm run bench:org -- [--accounts 50] [--resources 10000] [--latency 20] [--workers 1,2,4]
//        [--jobs 4] [--sdk 16] [--store postgres|sqlite]   (REDIS_URL, AGPM_BENCH_DATABASE_URL as bench:workers)
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { Redis } from "ioredis";
import pg from "pg";
import { z } from "zod";
import { errorMessage } from "../core/errors.js";
import type { Target } from "../contracts/target.js";
import { openSweepsQueue, requestSweep, waitForResult, type SweepsQueue } from "../client/producer.js";
import { awsSandboxSource } from "../tools/aws/sources.js";
import { startCpuMeter, type CpuUse } from "./workers/cpu.js";
import { createInfra, type BenchInfra } from "./workers/infra.js";
import { killAllWorkers, startWorkers, stopOnSignals, summariseLogs, type WorkerProcess } from "./workers/processes.js";
import { isSweepResult } from "./workers/sweep-jobs.js";
import { int, percent, seconds } from "./workers/stats.js";
import { catalogueByKind } from "./workers/throughput.js";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const print = (line: string) => console.log(line);

const counts = z.string().transform((s) => s.split(",").map(Number)).pipe(z.array(z.number().int().min(1).max(32)).min(1));
const SettingsSchema = z.object({
  accounts: z.coerce.number().int().min(1).max(1_000).default(50),
  resources: z.coerce.number().int().min(10).default(10_000),
  latency: z.coerce.number().min(0).default(20),
  workers: counts.default([1, 2, 4]),
  /** Jobs at once per worker process. */
  jobs: z.coerce.number().int().min(1).default(4),
  /** SDK calls in flight per run (AGPM_CONCURRENCY). */
  sdk: z.coerce.number().int().min(1).default(16),
  store: z.enum(["postgres", "sqlite"]).default("postgres"),
  redisUrl: z.string().default("redis://127.0.0.1:6379"),
  adminDatabaseUrl: z.string().default("postgres://postgres@127.0.0.1:5432/test"),
});
type Settings = z.infer<typeof SettingsSchema>;

function loadSettings(): Settings {
  const { values } = parseArgs({
    options: { accounts: { type: "string" }, resources: { type: "string" }, latency: { type: "string" }, workers: { type: "string" }, jobs: { type: "string" }, sdk: { type: "string" }, store: { type: "string" } },
  });
  const blank = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : v);
  return SettingsSchema.parse({ ...values, redisUrl: blank(process.env.REDIS_URL), adminDatabaseUrl: blank(process.env.AGPM_BENCH_DATABASE_URL) });
}

/** Total calls per Redis command, from INFO commandstats. */
async function redisCommands(redis: Redis): Promise<Map<string, number>> {
  const info = await redis.info("commandstats");
  const calls = new Map<string, number>();
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) calls.set(match[1] ?? "", Number(match[2]));
  return calls;
}

interface PgStats {
  commits: number;
  inserted: number;
  updated: number;
  fetched: number;
}

async function pgStats(adminUrl: string, database: string | null): Promise<PgStats | null> {
  if (!database) return null;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    // Backends report their counts when idle (at most ~1 s late): the caller waits before the last read.
    const { rows } = await client.query<{ xact_commit: string; tup_inserted: string; tup_updated: string; tup_fetched: string }>(
      "select xact_commit, tup_inserted, tup_updated, tup_fetched from pg_stat_database where datname = $1", [database]);
    const row = rows[0];
    return row ? { commits: Number(row.xact_commit), inserted: Number(row.tup_inserted), updated: Number(row.tup_updated), fetched: Number(row.tup_fetched) } : null;
  } finally {
    await client.end();
  }
}

interface Measure {
  workers: number;
  wallMs: number;
  resources: number;
  runs: number;
  problems: string[];
  redisOps: number;
  topRedis: Array<[string, number]>;
  pg: PgStats | null;
  cpu: CpuUse;
}

async function measure(infra: BenchInfra, settings: Settings, queue: SweepsQueue, redis: Redis, workers: readonly WorkerProcess[], policyIds: string[], target: Target): Promise<Measure> {
  const redisBefore = await redisCommands(redis);
  const pgBefore = await pgStats(settings.adminDatabaseUrl, infra.database);
  const meter = startCpuMeter(workers.map((w) => w.pid));
  const start = performance.now();
  const { jobId } = await requestSweep(queue, { policyIds, options: { apply: false, target, source: "bench", requester: "bench" } });
  const result = await waitForResult(queue, jobId, 60 * 60_000);
  const wallMs = performance.now() - start;
  const cpu = meter();
  if (!isSweepResult(result)) throw new Error(`sweep ${jobId} returned a child's result`);
  const redisAfter = await redisCommands(redis);
  await new Promise((r) => setTimeout(r, 1_500));
  const pgAfter = await pgStats(settings.adminDatabaseUrl, infra.database);
  const deltas = [...redisAfter].map(([cmd, n]): [string, number] => [cmd, n - (redisBefore.get(cmd) ?? 0)]).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  return {
    workers: workers.length, wallMs, resources: result.runs.reduce((n, r) => n + r.summary.resources, 0), runs: result.runs.length,
    problems: [
      ...result.failures.map((f) => `${f.jobId}: ${f.reason}`),
      ...result.runs.filter((r) => r.error || r.collectionErrors.length > 0).map((r) => `${r.policyId} ${r.location.root} ${r.region}: ${r.error?.message ?? r.collectionErrors.join("; ")}`),
      ...result.folded.map((f) => `${f.policyId} ${f.root ?? ""} ${f.region}: folded into ${f.jobId}`),
    ],
    redisOps: deltas.reduce((n, [, c]) => n + c, 0), topRedis: deltas.slice(0, 4),
    pg: pgBefore && pgAfter ? { commits: pgAfter.commits - pgBefore.commits, inserted: pgAfter.inserted - pgBefore.inserted, updated: pgAfter.updated - pgBefore.updated, fetched: pgAfter.fetched - pgBefore.fetched } : null,
    cpu,
  };
}

function report(m: Measure, base: Measure | undefined): void {
  const rate = m.resources / (m.wallMs / 1000);
  const speedup = base ? rate / (base.resources / (base.wallMs / 1000)) : 1;
  const perRun = (n: number) => (m.runs > 0 ? (n / m.runs).toFixed(0) : "-");
  print(`  ${m.workers} worker${m.workers === 1 ? " " : "s"}: ${seconds(m.wallMs, 1)}, ${int(m.resources)} resources in ${int(m.runs)} runs → ${int(rate)} resources/s (×${speedup.toFixed(2)} of 1 worker, ${percent(speedup / m.workers)} per worker)`);
  print(`      Redis: ${int(m.redisOps)} commands (${int(m.redisOps / (m.wallMs / 1000))}/s, ${perRun(m.redisOps)} per run; most: ${m.topRedis.map(([c, n]) => `${c} ${int(n)}`).join(", ")})`);
  if (m.pg) print(`      PostgreSQL: ${int(m.pg.commits)} commits (${int(m.pg.commits / (m.wallMs / 1000))}/s, ${perRun(m.pg.commits)} per run), ${int(m.pg.inserted)} rows inserted, ${int(m.pg.updated)} updated, ${int(m.pg.fetched)} fetched`);
  print(`      CPU: machine ${percent(m.cpu.machineBusy)} busy; workers ${m.cpu.processSeconds?.toFixed(1) ?? "?"} s, Redis+PostgreSQL ${m.cpu.serviceSeconds?.toFixed(1) ?? "?"} s, of ${(m.wallMs / 1000 * cpus().length).toFixed(0)} core-seconds`);
  if (m.problems.length > 0) print(`      problems (${m.problems.length}): ${m.problems.slice(0, 3).join(" | ")}`);
}

async function main(): Promise<number> {
  const settings = loadSettings();
  const infra = await createInfra({ redisUrl: settings.redisUrl, adminDatabaseUrl: settings.adminDatabaseUrl, store: settings.store, keepDir: false, workerNodeArgs: [] });
  stopOnSignals(infra.cleanup, print);
  const started = performance.now();
  const prefix = infra.prefix("org");
  const redis = new Redis(settings.redisUrl);
  const producer = openSweepsQueue({ url: settings.redisUrl, prefix });
  const store = await infra.openStore();
  let workers: WorkerProcess[] = [];
  let code = 0;
  try {
    const cpu = cpus();
    print(`agpm organisation benchmark — ${cpu.length} CPU cores (${cpu[0]?.model.trim() ?? "unknown"}), Node ${process.version}, load ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
    print(`  ${settings.accounts} accounts × ~${int(settings.resources)} resources, ${settings.latency} ms per API call; worker processes ${settings.workers.join("/")} × ${settings.jobs} jobs, ${settings.sdk} SDK calls in flight per run`);
    print(`  queues: Redis ${settings.redisUrl}; store: ${infra.storeDescription}`);
    const dir = join(infra.dir, "org");
    let t = performance.now();
    awsSandboxSource.initSimulatedOrg?.(dir, { accounts: settings.accounts, resources: settings.resources, seed: 7 });
    print(`  organisation generated in ${seconds(performance.now() - t, 1)}`);
    const policies = catalogueByKind();
    for (const policy of policies) await store.policies.createPolicy(policy, "bench");
    const ids = policies.map((p) => p.id);
    print(`  ${ids.length} audit policies (every catalogue control, one policy per kind)`);
    const target: Target = { type: "sandbox-org", dir, ...(settings.latency > 0 ? { faults: { latencyMs: settings.latency } } : {}) };
    const most = Math.max(...settings.workers);
    t = performance.now();
    workers = await startWorkers(Array.from({ length: most }, (_, i) => ({
      name: `sweeps-${i + 1}`, queues: ["sweeps"], concurrency: settings.jobs, dir: join(infra.dir, "workers"),
      env: { ...infra.workerEnv(prefix), AGPM_CONCURRENCY: String(settings.sdk) },
    })));
    print(`  ${most} workers started in ${seconds(performance.now() - t, 1)}`);
    const logFiles = workers.map((w) => w.logFile);
    // The first sweep stores every finding (the history baseline); later ones compare, so they are alike.
    print(`  baseline sweep with ${most} workers (stores the findings history)…`);
    report(await measure(infra, settings, producer.queue, redis, workers, ids, target), undefined);
    const measures: Measure[] = [];
    for (const count of [...new Set(settings.workers)].sort((a, b) => b - a)) {
      const extra = workers.slice(count);
      workers = workers.slice(0, count);
      await Promise.all(extra.map((w) => w.stop()));
      measures.push(await measure(infra, settings, producer.queue, redis, workers, ids, target));
      print(`  (${count} workers: ${seconds(measures.at(-1)?.wallMs ?? 0, 1)})`);
    }
    measures.sort((a, b) => a.workers - b.workers);
    print("\nresults (sweeps after the baseline):");
    for (const m of measures) report(m, measures[0]);
    const logs = summariseLogs(logFiles);
    if (logs.problems.length > 0) print(`  worker log problems: ${logs.problems.slice(0, 3).map((p) => `${p.count}× ${p.text}`).join(" | ")}`);
  } catch (error) {
    print(`\nbenchmark failed: ${errorMessage(error)}`);
    code = 1;
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    killAllWorkers();
    await producer.close();
    await store.close();
    redis.disconnect();
    const problems = await infra.cleanup();
    print(`\ntotal ${seconds(performance.now() - started, 1)}; cleaned up${problems.length > 0 ? ` — except: ${problems.join("; ")}` : ""}`);
  }
  return code;
}

process.exitCode = await main();
