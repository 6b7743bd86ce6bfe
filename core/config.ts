// Configuration in one place: read from the environment once at start-up, validated,
// then passed down. Nodes and tools never read process.env.
import { userInfo } from "node:os";
import { join, resolve } from "node:path";
import { z } from "zod";
import { AgpmError } from "./errors.js";

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const ConfigSchema = z.object({
  /** Where agpm keeps its state by default (database, sandbox file). */
  home: z.string().default(".agpm"),
  /** SQLite file; default `<home>/agpm.db`. */
  dbFile: z.string().optional(),
  /** postgres://… selects PostgreSQL as the store (shared by many workers); otherwise SQLite. */
  databaseUrl: z.string().regex(/^postgres(ql)?:\/\//, "a postgres:// URL").optional(),
  /** PostgreSQL schema of the store's tables (created if missing); several agpm installations can share one database. */
  databaseSchema: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, "a lower-case schema name such as agpm").optional(),
  /**
   * Redis key prefix of the queues and of every other key agpm keeps in Redis. Default "agpm",
   * and "{agpm}" on Redis Cluster, where it must hold a hash tag (see loadConfig).
   */
  queuePrefix: z.string().min(1).default("agpm"),
  /** Redis for the queues and workers: redis:// or rediss://, or redis+cluster:// (rediss+cluster://) with the seed nodes. */
  redisUrl: z.string().regex(/^rediss?(\+cluster)?:\/\//, "a redis:// or redis+cluster:// URL").default("redis://127.0.0.1:6379"),
  /** Default sandbox account file; default `<home>/sandbox.json`. */
  sandboxFile: z.string().optional(),
  /** Enforcement touching more resources than this pauses for approval. */
  maxChanges: z.coerce.number().int().min(0).default(10),
  /** Most AWS calls in flight at once. */
  concurrency: positiveInt(16),
  /** Translator → validator round trips before a run gives up. */
  maxTranslationAttempts: positiveInt(3),
  translator: z.enum(["offline", "llm", "auto"]).default("offline"),
  llm: z.object({
    baseUrl: z.string().url().optional(),
    model: z.string().default("gpt-4o-mini"),
    apiKey: z.string().optional(),
    /** A request to the model that takes longer is abandoned (then retried, up to maxRetries). */
    timeoutMs: z.coerce.number().int().min(1).default(30_000),
    /** Retries of a failed or timed-out model request; bounded so a dead endpoint fails in bounded time. */
    maxRetries: z.coerce.number().int().min(0).max(10).default(2),
  }),
  aws: z.object({
    region: z.string().default("us-east-1"),
    endpoint: z.string().url().optional(),
  }),
  /** Who is acting, for the audit log. */
  actor: z.string().min(1),
  /** Worker log level (JSON lines on stderr). */
  logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Port of the worker's /metrics and /healthz; 0 = any free port. */
  metricsPort: z.coerce.number().int().min(0).max(65535).default(9464),
  /** `agpm scheduler` keeps a schedule sweeping every active policy this often ("15m"). */
  sweepEvery: z.string().regex(/^\d+(\.\d+)?\s*(ms|s|m|h|d)?$/, "a duration such as 15m").optional(),
  /** Sweeps started by `agpm scheduler` remediate (enforce-mode policies). */
  sweepApply: z.enum(["true", "false", "1", "0", "yes", "no"]).default("false").transform((v) => ["true", "1", "yes"].includes(v)),
  /** `agpm serve`: port of the HTTP API; 0 = any free port. */
  apiPort: z.coerce.number().int().min(0).max(65535).default(8080),
  /** `agpm serve`: address to listen on. */
  apiHost: z.string().min(1).default("0.0.0.0"),
  /** `agpm serve`: requests per minute per API token (per address before authentication). */
  apiRateLimit: z.coerce.number().int().positive().default(300),
  /** A job locked by a worker that stops heart-beating (killed) is handed to another after this. */
  workerLockMs: z.coerce.number().int().min(1_000).default(30_000),
  /** Per-run findings older than this many days are pruned (each policy's latest run kept); 0 keeps them all. */
  findingsRetentionDays: z.coerce.number().int().min(0).default(30),
});
export type Config = z.infer<typeof ConfigSchema>;

/** redis+cluster:// and rediss+cluster:// name a Redis Cluster by its seed nodes. */
export function isClusterUrl(url: string): boolean {
  return /^rediss?\+cluster:\/\//.test(url);
}

/**
 * The hash tag Redis Cluster hashes a key by: the text between the first "{" and the next "}",
 * when not empty. Every key of a BullMQ queue starts with its prefix, so a prefix holding a
 * hash tag puts all of them (and agpm's locks and counters) in one slot, as its scripts need.
 */
export function hashTagOf(key: string): string | null {
  const open = key.indexOf("{");
  if (open < 0) return null;
  const close = key.indexOf("}", open + 1);
  return close > open + 1 ? key.slice(open + 1, close) : null;
}

/** The queue prefix when none is configured: a hash tag on Redis Cluster, the historical "agpm" elsewhere. */
export function defaultQueuePrefix(redisUrl: string): string {
  return isClusterUrl(redisUrl) ? "{agpm}" : "agpm";
}

/**
 * @throws AgpmError CONFIG_INVALID when a Redis Cluster prefix has no hash tag: BullMQ's scripts
 * touch several keys of a queue at once and would fail with CROSSSLOT on the first job.
 */
export function assertClusterPrefix(redisUrl: string, prefix: string): void {
  if (isClusterUrl(redisUrl) && hashTagOf(prefix) === null) {
    throw new AgpmError("CONFIG_INVALID", `invalid configuration at queuePrefix: "${prefix}" has no hash tag; on Redis Cluster use one such as "{${prefix.replace(/[{}]/g, "") || "agpm"}}"`);
  }
}

export interface ResolvedPaths {
  dbFile: string;
  sandboxFile: string;
}

export function resolvePaths(config: Config, cwd: string = process.cwd()): ResolvedPaths {
  const home = resolve(cwd, config.home);
  return {
    dbFile: resolve(cwd, config.dbFile ?? join(home, "agpm.db")),
    sandboxFile: resolve(cwd, config.sandboxFile ?? join(home, "sandbox.json")),
  };
}

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return "unknown";
  }
}

/** Reads the configuration from an environment (process.env by default) once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const blankToUndefined = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : v);
  const parsed = ConfigSchema.safeParse({
    home: blankToUndefined(env.AGPM_HOME),
    dbFile: blankToUndefined(env.AGPM_DB),
    databaseUrl: blankToUndefined(env.AGPM_DATABASE_URL),
    databaseSchema: blankToUndefined(env.AGPM_DATABASE_SCHEMA),
    redisUrl: blankToUndefined(env.REDIS_URL),
    // An existing deployment keeps "agpm" (its queued jobs and schedules live under it); a cluster gets "{agpm}".
    queuePrefix: blankToUndefined(env.AGPM_QUEUE_PREFIX) ?? defaultQueuePrefix(blankToUndefined(env.REDIS_URL) ?? ""),
    sandboxFile: blankToUndefined(env.AGPM_SANDBOX),
    maxChanges: blankToUndefined(env.AGPM_MAX_CHANGES),
    concurrency: blankToUndefined(env.AGPM_CONCURRENCY),
    maxTranslationAttempts: blankToUndefined(env.AGPM_MAX_TRANSLATION_ATTEMPTS),
    translator: blankToUndefined(env.AGPM_TRANSLATOR),
    llm: {
      baseUrl: blankToUndefined(env.AGPM_LLM_BASE_URL),
      model: blankToUndefined(env.AGPM_LLM_MODEL),
      apiKey: blankToUndefined(env.OPENAI_API_KEY),
      timeoutMs: blankToUndefined(env.AGPM_LLM_TIMEOUT_MS),
      maxRetries: blankToUndefined(env.AGPM_LLM_MAX_RETRIES),
    },
    aws: {
      region: blankToUndefined(env.AWS_REGION) ?? blankToUndefined(env.AWS_DEFAULT_REGION),
      endpoint: blankToUndefined(env.AWS_ENDPOINT_URL),
    },
    actor: blankToUndefined(env.AGPM_ACTOR) ?? currentUser(),
    logLevel: blankToUndefined(env.AGPM_LOG_LEVEL),
    metricsPort: blankToUndefined(env.AGPM_METRICS_PORT),
    workerLockMs: blankToUndefined(env.AGPM_WORKER_LOCK_MS),
    findingsRetentionDays: blankToUndefined(env.AGPM_FINDINGS_RETENTION_DAYS),
    apiPort: blankToUndefined(env.AGPM_API_PORT),
    apiHost: blankToUndefined(env.AGPM_API_HOST),
    apiRateLimit: blankToUndefined(env.AGPM_API_RATE_LIMIT),
    sweepEvery: blankToUndefined(env.AGPM_SWEEP_EVERY),
    sweepApply: blankToUndefined(env.AGPM_SWEEP_APPLY)?.toLowerCase(),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.join(".") : "config";
    throw new AgpmError("CONFIG_INVALID", `invalid configuration at ${where}: ${issue?.message ?? "unknown problem"}`);
  }
  assertClusterPrefix(parsed.data.redisUrl, parsed.data.queuePrefix);
  return parsed.data;
}
