// The workers benchmark's settings, read from the environment once (documented defaults).
import { z } from "zod";

const SCENARIOS = ["latency", "throughput", "intents"] as const;
export type Scenario = (typeof SCENARIOS)[number];

const items = z.string().transform((s) => s.split(",").map((v) => v.trim()).filter((v) => v !== ""));

export const BenchSettingsSchema = z.object({
  /** AGPM_BENCH_RESOURCES: size of the generated account swept in the throughput scenario. */
  resources: z.coerce.number().int().min(10).default(10_000),
  /** AGPM_BENCH_LATENCY_MS: delay injected into every sandbox API call (throughput scenario). */
  latencyMs: z.coerce.number().min(0).default(20),
  /** AGPM_BENCH_WORKERS: worker process counts to measure throughput with. */
  workerCounts: items.pipe(z.array(z.string().regex(/^\d+$/, "a whole number").transform(Number).pipe(z.number().int().min(1).max(32))).min(1)).default([1, 2, 4]),
  /** AGPM_BENCH_JOB_CONCURRENCY: jobs at once per sweeps worker process. */
  jobConcurrency: z.coerce.number().int().min(1).default(4),
  /** AGPM_BENCH_SDK_CONCURRENCY: SDK calls in flight per run in the workers (their AGPM_CONCURRENCY). */
  sdkConcurrency: z.coerce.number().int().min(1).default(16),
  /** AGPM_BENCH_DRIFTS: drifts timed in the latency scenario. */
  drifts: z.coerce.number().int().min(1).default(8),
  /** AGPM_BENCH_EVERY_MS: the sweep schedule's interval in the latency scenario. */
  everyMs: z.coerce.number().int().min(1_000).default(5_000),
  /** AGPM_BENCH_INTENTS: distinct intents submitted in the intents scenario. */
  intents: z.coerce.number().int().min(1).default(60),
  /** AGPM_BENCH_STORE: what the worker processes share — a PostgreSQL database or a SQLite file. */
  store: z.enum(["postgres", "sqlite"]).default("postgres"),
  /** AGPM_BENCH_SCENARIOS: which scenarios to run, in this order. */
  scenarios: items.pipe(z.array(z.enum(SCENARIOS)).min(1)).default([...SCENARIOS]),
  redisUrl: z.string().regex(/^rediss?:\/\//).default("redis://127.0.0.1:6379"),
  /** AGPM_BENCH_DATABASE_URL: a PostgreSQL URL allowed to create and drop a database for the run. */
  adminDatabaseUrl: z.string().regex(/^postgres(ql)?:\/\//).default("postgres://postgres@127.0.0.1:5432/test"),
  /** AGPM_BENCH_KEEP_LOGS=1: keep the temp folder with the worker logs. */
  keepLogs: z.boolean().default(false),
  /** AGPM_BENCH_WORKER_NODE_ARGS: extra node flags for the workers, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof". */
  workerNodeArgs: z.string().default("").transform((s) => s.split(" ").filter((a) => a !== "")),
});
export type BenchSettings = z.infer<typeof BenchSettingsSchema>;

export function loadBenchSettings(env: NodeJS.ProcessEnv): BenchSettings {
  const blank = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : v);
  return BenchSettingsSchema.parse({
    resources: blank(env.AGPM_BENCH_RESOURCES),
    latencyMs: blank(env.AGPM_BENCH_LATENCY_MS),
    workerCounts: blank(env.AGPM_BENCH_WORKERS),
    jobConcurrency: blank(env.AGPM_BENCH_JOB_CONCURRENCY),
    sdkConcurrency: blank(env.AGPM_BENCH_SDK_CONCURRENCY),
    drifts: blank(env.AGPM_BENCH_DRIFTS),
    everyMs: blank(env.AGPM_BENCH_EVERY_MS),
    intents: blank(env.AGPM_BENCH_INTENTS),
    store: blank(env.AGPM_BENCH_STORE),
    scenarios: blank(env.AGPM_BENCH_SCENARIOS),
    redisUrl: blank(env.REDIS_URL),
    adminDatabaseUrl: blank(env.AGPM_BENCH_DATABASE_URL),
    keepLogs: blank(env.AGPM_BENCH_KEEP_LOGS) === "1",
    workerNodeArgs: blank(env.AGPM_BENCH_WORKER_NODE_ARGS),
  });
}
