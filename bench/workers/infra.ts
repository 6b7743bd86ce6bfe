// What one run of the workers benchmark owns outside itself — a temp folder, a key prefix on
// Redis, a store shared by the worker processes — and the clean-up that removes all of it.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import pg from "pg";
import { errorMessage } from "../../core/errors.js";
import { openStore, type Store } from "../../store/index.js";

export type StoreKind = "postgres" | "sqlite";

export interface InfraSettings {
  redisUrl: string;
  /** A PostgreSQL URL the benchmark may create and drop databases through. */
  adminDatabaseUrl: string;
  store: StoreKind;
  /** Leave the temp folder (worker logs) in place at the end. */
  keepDir: boolean;
  /** Extra node flags for every worker process (e.g. --cpu-prof). */
  workerNodeArgs: string[];
}

export interface BenchInfra {
  id: string;
  dir: string;
  redisUrl: string;
  store: StoreKind;
  /** "PostgreSQL database agpm_bench_… (public schema)" or "SQLite file …". */
  storeDescription: string;
  /** The PostgreSQL database the run created (its load is read from pg_stat_database), or null for SQLite. */
  database: string | null;
  /** A queue key prefix of this run, one per scenario so scenarios never see each other's jobs. */
  prefix(scenario: string): string;
  openStore(): Promise<Store>;
  /** The environment a worker process needs to share this run's store and Redis. */
  workerEnv(prefix: string): Record<string, string>;
  /** Extra node flags for every worker process. */
  workerNodeArgs: string[];
  /** Removes everything the run created; safe to call twice; returns what could not be removed. */
  cleanup(): Promise<string[]>;
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on("error", () => undefined);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function deleteKeys(redisUrl: string, pattern: string): Promise<number> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  let deleted = 0;
  try {
    const stream = redis.scanStream({ match: pattern, count: 1_000 });
    for await (const keys of stream as AsyncIterable<string[]>) {
      if (keys.length > 0) deleted += await redis.del(...keys);
    }
  } finally {
    redis.disconnect();
  }
  return deleted;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * Creates the run's resources. `agpm worker` opens PostgreSQL in the `public` schema of whatever
 * database AGPM_DATABASE_URL names (config has no schema setting), so a private store for the
 * worker processes is a database of its own, created here and dropped by cleanup().
 */
export async function createInfra(settings: InfraSettings): Promise<BenchInfra> {
  const id = randomBytes(4).toString("hex");
  const dir = mkdtempSync(join(tmpdir(), "agpm-bench-workers-"));
  const database = `agpm_bench_${id}`;
  const databaseUrl = withDatabase(settings.adminDatabaseUrl, database);
  const sqliteFile = join(dir, "agpm.db");
  let created = false;
  if (settings.store === "postgres") {
    await adminQuery(settings.adminDatabaseUrl, `create database "${database}"`);
    created = true;
  }
  let cleaned: Promise<string[]> | undefined;
  const keyPattern = `agpm-bench-${id}-*`;
  return {
    id,
    dir,
    redisUrl: settings.redisUrl,
    store: settings.store,
    database: settings.store === "postgres" ? database : null,
    storeDescription: settings.store === "postgres" ? `PostgreSQL database ${database} (public schema), one connection pool per process` : `SQLite file ${sqliteFile} (WAL, busy timeout 5 s) shared by every process`,
    prefix: (scenario) => `agpm-bench-${id}-${scenario}`,
    openStore: () => openStore(settings.store === "postgres" ? { databaseUrl } : { file: sqliteFile }),
    workerEnv: (prefix) => ({
      REDIS_URL: settings.redisUrl,
      AGPM_QUEUE_PREFIX: prefix,
      AGPM_HOME: join(dir, "home"),
      ...(settings.store === "postgres" ? { AGPM_DATABASE_URL: databaseUrl } : { AGPM_DB: sqliteFile }),
    }),
    workerNodeArgs: settings.workerNodeArgs,
    cleanup: () =>
      (cleaned ??= (async () => {
        const problems: string[] = [];
        try {
          await deleteKeys(settings.redisUrl, keyPattern);
        } catch (error) {
          problems.push(`Redis keys ${keyPattern}: ${errorMessage(error)}`);
        }
        if (created) {
          try {
            await adminQuery(settings.adminDatabaseUrl, `drop database if exists "${database}" with (force)`);
          } catch (error) {
            problems.push(`database ${database}: ${errorMessage(error)}`);
          }
        }
        if (!settings.keepDir) rmSync(dir, { recursive: true, force: true });
        return problems;
      })()),
  };
}
