// The words for operators and values, shared by evidence (compile) and explanations (explain).
import type { JsonValue, Operator } from "../contracts/policy.js";

const MAX_VALUE_CHARS = 80;

/** A value as people read it in a sentence: JSON for data, "missing" for nothing at all. */
export function formatValue(value: unknown, maxChars = MAX_VALUE_CHARS): string {
  if (value === undefined) return "missing";
  if (value === null || typeof value === "boolean" || typeof value === "number") return String(value);
  let text: string;
  try {
    text = typeof value === "bigint" ? value.toString() : JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > maxChars ? `${text.slice(0, maxChars - 1)}…` : text;
}

/** The operator that means the opposite, so negations read "at most 22", not "not greater than 22". */
export const OPPOSITE: Readonly<Record<Operator, Operator | undefined>> = {
  eq: "neq", neq: "eq", in: "nin", nin: "in",
  gt: "lte", lte: "gt", gte: "lt", lt: "gte",
  exists: "absent", absent: "exists", truthy: "falsy", falsy: "truthy",
  empty: "not-empty", "not-empty": "empty",
  contains: undefined, matches: undefined,
};

function basePhrase(op: Operator, value: JsonValue | undefined): string {
  const v = formatValue(value, Number.POSITIVE_INFINITY);
  switch (op) {
    case "eq": return `equal to ${v}`;
    case "neq": return `not equal to ${v}`;
    case "in": return `one of ${v}`;
    case "nin": return `not one of ${v}`;
    case "gt": return `greater than ${v}`;
    case "gte": return `at least ${v}`;
    case "lt": return `less than ${v}`;
    case "lte": return `at most ${v}`;
    case "exists": return "present";
    case "absent": return "absent";
    case "truthy": return "set (not false, zero, empty or missing)";
    case "falsy": return "unset (false, zero, empty or missing)";
    case "contains": return `containing ${v}`;
    case "matches": return `matching /${String(value)}/`;
    case "empty": return "empty";
    case "not-empty": return "not empty";
  }
}

/**
 * What an operator expects, as an adjective phrase: "equal to true", "one of [\"AES256\",\"aws:kms\"]",
 * "present". With `negated`, the phrase of the opposite expectation.
 */
export function expectedPhrase(op: Operator, value: JsonValue | undefined, negated = false): string {
  if (!negated) return basePhrase(op, value);
  const opposite = OPPOSITE[op];
  return opposite ? basePhrase(opposite, value) : `not ${basePhrase(op, value)}`;
}

/** Joins phrases as a list in prose: "a", "a and b", "a, b and c". */
export function joinProse(parts: readonly string[], conjunction: "and" | "or"): string {
  if (parts.length <= 1) return parts[0] ?? "";
  return `${parts.slice(0, -1).join(", ")} ${conjunction} ${parts[parts.length - 1] ?? ""}`;
}
