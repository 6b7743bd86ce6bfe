// Crossing the store's edges: zod on what comes in, JSON TEXT columns back through zod on the way out.
import { z } from "zod";
import { AgpmError, errorMessage, isAgpmError } from "../core/errors.js";
import type { ErrorCode } from "../core/errors.js";
import { formatJsonPath } from "../core/json-path.js";
import type { JsonValue } from "../contracts/policy.js";
import type { UnreadableRows } from "./context.js";

/** Validates a caller's input; a failure names the JSON path of the first problem. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what: string,
  code: ErrorCode = "INPUT_INVALID",
): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = formatJsonPath(issue?.path ?? []);
  throw new AgpmError(code, `invalid ${what} at ${path}: ${issue?.message ?? "unknown problem"}`, {
    cause: parsed.error,
    details: { path, issues: parsed.error.issues.map((i) => ({ path: formatJsonPath(i.path), message: i.message })) },
  });
}

// JSON.stringify throws on a bigint; its decimal text keeps the value readable.
const replacer = (_key: string, value: unknown): unknown => (typeof value === "bigint" ? value.toString() : value);

/**
 * The JSON text a column keeps. Undefined keys are dropped, Dates become ISO text, NaN and
 * ±Infinity null: readers must accept that form, never the in-memory one.
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value, replacer) ?? "null";
}

/** JSON for a nullable column: SQL NULL (not the text `null`) for null/undefined. */
export function toJsonOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : toJson(value);
}

/**
 * Input for a JSON column, taken in the form the column will keep (see toJson), so whatever a
 * writer accepts reads back through JsonValueSchema (JSON.parse gives nothing else). Circular values are refused with a path.
 */
export const JsonInputSchema: z.ZodType<JsonValue, unknown> = z
  .unknown()
  .transform((value, ctx): JsonValue => {
    try {
      return JSON.parse(toJson(value)) as JsonValue;
    } catch (error) {
      ctx.addIssue({ code: "custom", message: `not representable as JSON: ${errorMessage(error)}` });
      return z.NEVER;
    }
  });

/** Reads a JSON column back through its schema; corrupt rows are a STORE_ERROR, never passed on. */
export function fromJson<S extends z.ZodType>(schema: S, text: string, where: string): z.infer<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new AgpmError("STORE_ERROR", `stored JSON in ${where} is not valid JSON`, { cause, details: { where } });
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = formatJsonPath(issue?.path ?? []);
  throw new AgpmError("STORE_ERROR", `stored JSON in ${where} does not match its schema at ${path}: ${issue?.message ?? "unknown problem"}`, {
    cause: parsed.error,
    details: { where, path },
  });
}

export function fromJsonOrNull<S extends z.ZodType>(schema: S, text: string | null, where: string): z.infer<S> | null {
  return text === null ? null : fromJson(schema, text, where);
}

/** How many unreadable rows a report names; the count covers them all. */
const PROBLEMS_NAMED = 5;

/**
 * Decodes a listing's rows. A row that cannot be read (STORE_ERROR from fromJson) is left out
 * and reported once for the whole listing, so one bad row never poisons the rest.
 */
export function decodeRows<R, T>(listing: string, rows: readonly R[], decode: (row: R) => T, unreadable: (report: UnreadableRows) => void): T[] {
  const decoded: T[] = [];
  const problems: string[] = [];
  let skipped = 0;
  for (const row of rows) {
    try {
      decoded.push(decode(row));
    } catch (error) {
      if (!isAgpmError(error) || error.code !== "STORE_ERROR") throw error;
      skipped++;
      if (problems.length < PROBLEMS_NAMED) problems.push(error.message);
    }
  }
  if (skipped > 0) unreadable({ listing, skipped, problems });
  return decoded;
}

/**
 * Runs a store operation, turning driver errors into STORE_ERROR while letting our own
 * typed errors through, so callers branch on one code whatever the database.
 */
export async function guarded<T>(what: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (isAgpmError(error)) throw error;
    throw new AgpmError("STORE_ERROR", `${what} failed: ${errorMessage(error)}`, { cause: error });
  }
}
