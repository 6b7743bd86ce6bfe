// Crossing the store's edges: zod on what comes in, JSON TEXT columns back through zod on the way out.
import type { z } from "zod";
import { AgpmError, errorMessage, isAgpmError } from "../core/errors.js";
import type { ErrorCode } from "../core/errors.js";
import { formatJsonPath } from "../core/json-path.js";

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

export function toJson(value: unknown): string {
  return JSON.stringify(value);
}

/** JSON for a nullable column: SQL NULL (not the text `null`) for null/undefined. */
export function toJsonOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

/** Reads a JSON column back through its schema; corrupt rows are a STORE_ERROR, never passed on. */
export function fromJson<S extends z.ZodType>(schema: S, text: string, where: string): z.infer<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new AgpmError("STORE_ERROR", `stored JSON in ${where} is not valid JSON`, { cause });
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new AgpmError("STORE_ERROR", `stored JSON in ${where} does not match its schema at ${formatJsonPath(issue?.path ?? [])}`, {
    cause: parsed.error,
  });
}

export function fromJsonOrNull<S extends z.ZodType>(schema: S, text: string | null, where: string): z.infer<S> | null {
  return text === null ? null : fromJson(schema, text, where);
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
