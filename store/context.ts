// What every repository is built from: the kysely handle and the clock.
import type { Kysely } from "kysely";
import type { Database } from "./tables.js";

export interface StoreContext {
  db: Kysely<Database>;
  /** The current time as ISO-8601 text; injectable so tests control ordering. */
  now: () => string;
}
