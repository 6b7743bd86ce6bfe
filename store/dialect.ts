// The one place that picks the database engine (SQLite today; PostgreSQL slots in here)
// and the LangGraph checkpointer that lives beside it.
import { SqliteDialect } from "kysely";
import type { Dialect } from "kysely";
import { createCheckpointer } from "./checkpointer.js";
import type { Exclusive, StoreCheckpointer } from "./checkpointer.js";
import { openSqliteFile } from "./sqlite.js";

export interface StoreLocation {
  /** A SQLite file path, or `:memory:`. */
  file: string;
}

export interface Backend {
  dialect: Dialect;
  /** A checkpointer on the same database, its calls serialised by `exclusive`. */
  openCheckpointer(exclusive: Exclusive): StoreCheckpointer;
}

/** Opens the database named by `location`; eager, so a bad path fails here, not at the first query. */
export function openBackend(location: StoreLocation): Backend {
  const dialect = new SqliteDialect({ database: openSqliteFile(location.file) });
  return { dialect, openCheckpointer: (exclusive) => createCheckpointer(location.file, { exclusive }) };
}
