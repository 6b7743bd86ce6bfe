// How agpm opens a SQLite file: folders created, WAL, busy timeout, foreign keys.
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import BetterSqlite3 from "better-sqlite3";

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
