// Opens the store: connects, migrates to the latest schema, and bundles the repositories.
import { Kysely, Migrator } from "kysely";
import { AgpmError, errorMessage } from "../core/errors.js";
import { createAuditRepository } from "./audit.js";
import type { AuditRepository } from "./audit.js";
import type { StoreContext, UnreadableRows } from "./context.js";
import type { StoreCheckpointer } from "./checkpointer.js";
import { openBackend } from "./dialect.js";
import type { Backend, StoreLocation } from "./dialect.js";
import { redactUrl } from "./postgres.js";
import { createFindingRepository } from "./findings.js";
import { createHistoryRepository } from "./history.js";
import type { HistoryRepository } from "./history.js";
import type { FindingRepository } from "./findings.js";
import { migrationProvider } from "./migrations/index.js";
import { createPolicyRepository } from "./policies.js";
import type { PolicyRepository } from "./policies.js";
import { createRunRepository } from "./runs.js";
import type { RunRepository } from "./runs.js";
import { MEMORY_FILE } from "./sqlite.js";
import { createTokenRepository } from "./tokens.js";
import type { TokenRepository } from "./tokens.js";
import type { Database } from "./tables.js";

/**
 * `{ file }`: a SQLite file path (parent folders are created), or `:memory:`.
 * `{ databaseUrl, schema? }`: PostgreSQL, tables in `schema` (default `public`, created if missing).
 */
export type StoreOptions = StoreLocation & {
  /** Clock for timestamps; defaults to the system clock. */
  now?: () => Date;
  /** Told when a listing skips rows it cannot read; defaults to a warning line on stderr. */
  onUnreadable?: (report: UnreadableRows) => void;
  /** Told of problems that fail nothing (a prune that could not run); defaults to stderr. */
  onWarning?: (message: string) => void;
  /**
   * Per-run findings of finished runs older than this many days are deleted after a run's
   * findings are written (at most hourly), each policy's latest completed run kept. Default 0: kept forever.
   */
  findingsRetentionDays?: number;
};

/** The warning a person sees when a listing left rows out (CLI stderr, server log). */
export function unreadableWarning({ listing, skipped, problems }: UnreadableRows): string {
  return `warning: ${listing} skipped ${skipped} unreadable row${skipped === 1 ? "" : "s"} (shown without them): ${problems.join("; ")}`;
}

const writeStderr = (message: string): void => void process.stderr.write(`agpm: ${message}\n`);

export interface Store {
  policies: PolicyRepository;
  runs: RunRepository;
  findings: FindingRepository;
  audit: AuditRepository;
  /** Findings history: current status per (policy, rule, resource) and what changed when. */
  history: HistoryRepository;
  /** Bearer tokens of the HTTP API (hashed), with their roles. */
  tokens: TokenRepository;
  /**
   * LangGraph checkpoints in the same database (PostgreSQL: `PostgresSaver` in the same schema).
   * On SQLite its calls wait for any open store transaction, so a graph and the store can share
   * one file in one process; open one Store per file per process.
   */
  checkpointer: StoreCheckpointer;
  /** The typed kysely handle, for migrations tooling and queries no repository offers yet. */
  db: Kysely<Database>;
  /** Closes the connections (store and checkpointer); the store must not be used afterwards. */
  close(): Promise<void>;
}

/**
 * Applies every pending migration; safe to call on every start (already-applied ones are skipped).
 * On PostgreSQL pass the store's schema: the migrator would otherwise take another schema's
 * bookkeeping table for its own. openStore also holds a cross-process lock around this.
 */
export async function migrateToLatest(db: Kysely<Database>, options: { schema?: string } = {}): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    ...(options.schema === undefined ? {} : { migrationTableSchema: options.schema }),
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((result) => result.status === "Error")?.migrationName;
    throw new AgpmError("STORE_ERROR", `database migration ${failed ?? ""} failed: ${errorMessage(error)}`, {
      cause: error,
      details: { migration: failed ?? null },
    });
  }
  return results.filter((result) => result.status === "Success").map((result) => result.migrationName);
}

/** Where a store lives, for messages and error details (no password). */
function describe(location: StoreLocation): string {
  return "file" in location ? location.file : `${redactUrl(location.databaseUrl)} (schema ${location.schema ?? "public"})`;
}

/**
 * Opens (creating if needed) the store, migrated to the latest schema.
 * @example
 * const store = await openStore({ file: ".agpm/agpm.db" });
 * // or: await openStore({ databaseUrl: "postgres://agpm@db/agpm", schema: "agpm" });
 * try { await store.policies.listPolicies(); } finally { await store.close(); }
 */
export async function openStore(options: StoreOptions): Promise<Store> {
  const { now: clockOption, onUnreadable, onWarning, findingsRetentionDays = 0, ...location } = options;
  if (!Number.isInteger(findingsRetentionDays) || findingsRetentionDays < 0) {
    throw new AgpmError("INPUT_INVALID", `findingsRetentionDays must be a whole number of days (0 keeps findings forever), not ${findingsRetentionDays}`);
  }
  const where = describe(location);
  let backend: Backend;
  try {
    backend = openBackend(location);
  } catch (cause) {
    throw new AgpmError("STORE_ERROR", `cannot open the store at ${where}: ${errorMessage(cause)}`, {
      cause,
      details: { location: where },
    });
  }
  const db = new Kysely<Database>({ dialect: backend.dialect });
  let checkpointer: StoreCheckpointer;
  try {
    // Kysely holds its single SQLite connection for a whole transaction; borrowing it makes
    // checkpoint calls wait their turn instead of meeting a locked file.
    checkpointer = await backend.prepare(
      async () => {
        await migrateToLatest(db, backend.schema === undefined ? {} : { schema: backend.schema });
      },
      (operation) => db.connection().execute(operation),
    );
  } catch (error) {
    await db.destroy();
    if (error instanceof AgpmError) throw error;
    throw new AgpmError("STORE_ERROR", `cannot open the store at ${where}: ${errorMessage(error)}`, {
      cause: error,
      details: { location: where },
    });
  }
  const clock = clockOption ?? (() => new Date());
  const warn = onWarning ?? writeStderr;
  const context: StoreContext = {
    db,
    now: () => clock().toISOString(),
    unreadable: onUnreadable ?? ((report) => warn(unreadableWarning(report))),
    warn,
    findingsRetentionDays,
  };
  let closed: Promise<void> | undefined;
  return {
    policies: createPolicyRepository(context),
    runs: createRunRepository(context),
    findings: createFindingRepository(context),
    audit: createAuditRepository(context),
    history: createHistoryRepository(context),
    tokens: createTokenRepository(context),
    checkpointer,
    db,
    close: () =>
      (closed ??= (async () => {
        await checkpointer.close();
        await db.destroy();
      })()),
  };
}

/** A private in-memory store (tests, dry runs); gone when closed. */
export function openMemoryStore(options: Omit<StoreOptions, keyof StoreLocation> = {}): Promise<Store> {
  return openStore({ ...options, file: MEMORY_FILE });
}
