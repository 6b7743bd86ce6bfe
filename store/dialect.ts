// The one place that picks the database engine (SQLite file, or PostgreSQL when a URL is given)
// and the LangGraph checkpointer that lives beside it.
import { PostgresDialect } from "kysely";
import type { Dialect } from "kysely";
import { createCheckpointer } from "./checkpointer.js";
import type { Exclusive, StoreCheckpointer } from "./checkpointer.js";
import { DEFAULT_SCHEMA, openPool, openPostgresCheckpointer, validSchema, withSchemaLock } from "./postgres.js";
import { ImmediateSqliteDialect, openSqliteFile } from "./sqlite.js";

/** Where the store lives: a SQLite file (or `:memory:`), or a PostgreSQL URL and schema. */
export type StoreLocation = { file: string } | { databaseUrl: string; schema?: string };

export interface Backend {
  kind: "sqlite" | "postgres";
  dialect: Dialect;
  /** The schema that holds the store's tables (PostgreSQL only). */
  schema?: string;
  /**
   * Runs `migrate` so that concurrent openers (other processes) cannot interleave with it, then
   * opens a checkpointer on the same database, its calls serialised by `exclusive` where needed.
   */
  prepare(migrate: () => Promise<void>, exclusive: Exclusive): Promise<StoreCheckpointer>;
}

/** Opens the database named by `location`; SQLite is eager, so a bad path fails here, not at the first query. */
export function openBackend(location: StoreLocation): Backend {
  if ("databaseUrl" in location) {
    const { databaseUrl } = location;
    const schema = validSchema(location.schema ?? DEFAULT_SCHEMA);
    return {
      kind: "postgres",
      schema,
      dialect: new PostgresDialect({ pool: openPool(databaseUrl, schema) }),
      // The pool serialises nothing and needs no lock: PostgreSQL has row locks, not a file lock.
      prepare: (migrate) =>
        withSchemaLock(databaseUrl, schema, async () => {
          await migrate();
          return openPostgresCheckpointer(databaseUrl, schema);
        }),
    };
  }
  const dialect = new ImmediateSqliteDialect(openSqliteFile(location.file));
  return {
    kind: "sqlite",
    dialect,
    prepare: async (migrate, exclusive) => {
      await migrate();
      return createCheckpointer(location.file, { exclusive });
    },
  };
}
