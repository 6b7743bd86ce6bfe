// What every repository is built from: the kysely handle, the clock, and where unreadable rows are reported.
import type { Kysely } from "kysely";
import type { Database } from "./tables.js";

/** Rows a listing left out because they could not be decoded (reported once per listing). */
export interface UnreadableRows {
  /** The listing, e.g. `latestFindings`. */
  listing: string;
  skipped: number;
  /** Where the first few were, e.g. `findings(fnd_…).evidence`, and why. */
  problems: string[];
}

export interface StoreContext {
  db: Kysely<Database>;
  /** The current time as ISO-8601 text; injectable so tests control ordering. */
  now: () => string;
  /** Told when a listing skips rows it cannot read, so one bad row never hides the rest silently. */
  unreadable: (report: UnreadableRows) => void;
  /** A problem worth a line but not a failure (e.g. pruning failed after the insert stood). */
  warn: (message: string) => void;
  /** Per-run findings older than this are pruned after inserts; 0 keeps them all. */
  findingsRetentionDays: number;
}
