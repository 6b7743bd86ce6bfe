// How agpm opens PostgreSQL: a pool pinned to one schema, and a cross-process lock for migrations.
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import pg from "pg";
import { AgpmError } from "../core/errors.js";
import { StoreCheckpointer } from "./checkpointer.js";

export const DEFAULT_SCHEMA = "public";

/** How long to wait for a connection before giving up (ms); a dead server should fail fast. */
const CONNECT_TIMEOUT_MS = 5_000;

// Plain identifiers only, so the name is safe both quoted in SQL and in the `-c search_path` option.
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Checks a schema name; throws STORE_ERROR for anything but a plain lower-case identifier. */
export function validSchema(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) {
    throw new AgpmError("STORE_ERROR", `schema "${schema}" is not a plain lower-case identifier`, { details: { schema } });
  }
  return schema;
}

/** The URL without its password, for messages and error details. */
export function redactUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password !== "") url.password = "***";
    return url.toString();
  } catch {
    return "(unparseable URL)";
  }
}

/** A pool whose connections resolve unqualified names in `schema` (the schema may not exist yet). */
export function openPool(databaseUrl: string, schema: string): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    options: `-c search_path=${schema}`,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  // An idle connection dropped by a server restart must not crash the process; the pool discards
  // it, and the next query reconnects (or fails with STORE_ERROR).
  pool.on("error", () => undefined);
  return pool;
}

/**
 * Runs `work` while holding a session advisory lock keyed by the schema, on a connection of its
 * own, after making sure the schema exists. Why: several workers start at once, and both
 * `create schema/table if not exists` and the migrator's bookkeeping can race between sessions;
 * under the lock the first one migrates and the rest find nothing left to do.
 */
export async function withSchemaLock<T>(databaseUrl: string, schema: string, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // An idle client's socket error would otherwise be an unhandled 'error' event.
  client.on("error", () => undefined);
  await client.connect();
  try {
    await client.query("select pg_advisory_lock(hashtext($1))", [`agpm:migrate:${schema}`]);
    try {
      await client.query(`create schema if not exists "${schema}"`);
      return await work();
    } finally {
      await client.query("select pg_advisory_unlock(hashtext($1))", [`agpm:migrate:${schema}`]);
    }
  } finally {
    await client.end();
  }
}

/**
 * A `PostgresSaver` in `schema` on its own pool, its tables created or upgraded. Call it under
 * withSchemaLock: the saver's setup is not safe to run from two sessions at once.
 */
export async function openPostgresCheckpointer(databaseUrl: string, schema: string): Promise<StoreCheckpointer> {
  const saver = PostgresSaver.fromConnString(databaseUrl, { schema });
  try {
    await saver.setup();
  } catch (error) {
    await saver.end();
    throw error;
  }
  return new StoreCheckpointer(saver, () => saver.end());
}
