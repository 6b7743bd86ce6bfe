// How agpm opens a SQLite file: folders created, WAL, busy timeout, foreign keys, and write
// transactions that take the write lock when they begin.
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { CompiledQuery, SqliteDialect, SqliteDriver } from "kysely";
import type { DatabaseConnection, Driver } from "kysely";

export const MEMORY_FILE = ":memory:";

/** How long a writer waits for another process's write lock before failing (ms). */
export const BUSY_TIMEOUT_MS = 5_000;

/** A better-sqlite3 connection configured the way the store and the checkpointer need it. */
export function openSqliteFile(file: string): BetterSqlite3.Database {
  if (file !== MEMORY_FILE) mkdirSync(dirname(resolve(file)), { recursive: true });
  const db = new BetterSqlite3(file, { timeout: BUSY_TIMEOUT_MS });
  try {
    // WAL lets readers (CLI, API) run beside one writer; NORMAL sync is durable in WAL mode.
    db.pragma("journal_mode = WAL");
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Kysely's driver begins with a plain (deferred) BEGIN: a transaction that reads and then writes
 * while another process commits cannot be upgraded, and fails at once with "database is locked"
 * whatever the busy timeout. BEGIN IMMEDIATE takes the write lock up front, so it waits instead.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

/** The SQLite dialect with {@link ImmediateSqliteDriver}; everything else as kysely's. */
export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #database: BetterSqlite3.Database;

  constructor(database: BetterSqlite3.Database) {
    super({ database });
    this.#database = database;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver({ database: this.#database });
  }
}
