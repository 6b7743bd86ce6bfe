// The operators of leaf conditions, each compiled once into a test of one value.
import { AgpmError } from "../core/errors.js";
import { UNARY_OPERATORS } from "../contracts/policy.js";
import type { JsonValue, Operator } from "../contracts/policy.js";

/** A test's outcome: false, true, or a value of the wrong type (which fails whatever the negation). */
export const FALSE = 0;
export const TRUE = 1;
export const MISMATCH = 2;
export type Outcome = typeof FALSE | typeof TRUE | typeof MISMATCH;

export interface OperatorTest {
  test: (actual: unknown) => Outcome;
  /** What type the operator needs, for evidence when the value has another ("a number"). */
  needs: string;
}

/** Raises the one error every malformed condition gets, naming where it is in the tree. */
export function invalidCondition(where: string, problem: string): AgpmError {
  return new AgpmError("POLICY_INVALID", `${where}: ${problem}`, { details: { conditionPath: where } });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Structural equality of JSON-like values. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/** Falsy: missing, null, false, 0, NaN, "" and — unlike JavaScript — an empty list or object. */
export function isTruthy(value: unknown): boolean {
  if (!value) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isPlainObject(value)) {
    for (const key in value) if (Object.hasOwn(value, key)) return true;
    return false;
  }
  return true;
}

const isPrimitive = (v: unknown): v is string | number | boolean | null => v === null || typeof v !== "object";
const outcome = (b: boolean): Outcome => (b ? TRUE : FALSE);

function equalityTest(value: JsonValue): (actual: unknown) => boolean {
  return isPrimitive(value) ? (actual) => actual === value : (actual) => deepEqual(actual, value);
}

function membershipTest(value: JsonValue | undefined, where: string): (actual: unknown) => boolean {
  if (!Array.isArray(value)) throw invalidCondition(where, "in/nin needs a list value, e.g. [\"AES256\", \"aws:kms\"]");
  const primitives = new Set(value.filter(isPrimitive));
  const structured = value.filter((v) => !isPrimitive(v));
  if (structured.length === 0) return (actual) => primitives.has(actual as never);
  return (actual) => primitives.has(actual as never) || structured.some((v) => deepEqual(actual, v));
}

function orderTest(op: "gt" | "gte" | "lt" | "lte", value: JsonValue | undefined, where: string): OperatorTest {
  if (typeof value !== "number" && typeof value !== "string") {
    throw invalidCondition(where, `${op} needs a number (or an ISO date string) value`);
  }
  const type = typeof value;
  const compare: (a: number | string) => boolean =
    op === "gt" ? (a) => a > value : op === "gte" ? (a) => a >= value : op === "lt" ? (a) => a < value : (a) => a <= value;
  return {
    test: (actual) => (typeof actual === type ? outcome(compare(actual as number | string)) : MISMATCH),
    needs: type === "number" ? "a number" : "text",
  };
}

/** Accepts a leading `(?i)` for case-insensitive patterns, as in most regex dialects people know. */
function compileRegex(value: JsonValue | undefined, where: string): RegExp {
  if (typeof value !== "string") throw invalidCondition(where, "matches needs a regular expression string value");
  const insensitive = value.startsWith("(?i)");
  try {
    return new RegExp(insensitive ? value.slice(4) : value, insensitive ? "i" : "");
  } catch (error) {
    throw invalidCondition(where, `invalid regular expression /${value}/: ${(error as Error).message}`);
  }
}

function emptiness(actual: unknown): Outcome {
  if (actual === undefined || actual === null) return TRUE;
  if (typeof actual === "string" || Array.isArray(actual)) return outcome(actual.length === 0);
  if (isPlainObject(actual)) return outcome(!isTruthy(actual));
  return MISMATCH;
}

function containsTest(value: JsonValue): OperatorTest {
  const equal = equalityTest(value);
  return {
    test: (actual) => {
      if (Array.isArray(actual)) return outcome(actual.some(equal));
      if (typeof actual === "string" && typeof value === "string") return outcome(actual.includes(value));
      return MISMATCH;
    },
    needs: typeof value === "string" ? "a list or text" : "a list",
  };
}

/**
 * Compiles an operator and its value into a test, checking the value once.
 * @throws AgpmError POLICY_INVALID for a missing, superfluous or ill-typed value, or a bad regex.
 */
export function compileOperator(op: Operator, value: JsonValue | undefined, where: string): OperatorTest {
  if (UNARY_OPERATORS.has(op)) {
    if (value !== undefined) throw invalidCondition(where, `${op} takes no value`);
  } else if (value === undefined) {
    throw invalidCondition(where, `${op} needs a value`);
  }
  const any = "any value";
  switch (op) {
    case "eq": { const eq = equalityTest(value as JsonValue); return { test: (a) => outcome(eq(a)), needs: any }; }
    case "neq": { const eq = equalityTest(value as JsonValue); return { test: (a) => outcome(!eq(a)), needs: any }; }
    case "in": { const has = membershipTest(value, where); return { test: (a) => outcome(has(a)), needs: any }; }
    case "nin": { const has = membershipTest(value, where); return { test: (a) => outcome(!has(a)), needs: any }; }
    case "gt": case "gte": case "lt": case "lte": return orderTest(op, value, where);
    case "exists": return { test: (a) => outcome(a !== undefined && a !== null), needs: any };
    case "absent": return { test: (a) => outcome(a === undefined || a === null), needs: any };
    case "truthy": return { test: (a) => outcome(isTruthy(a)), needs: any };
    case "falsy": return { test: (a) => outcome(!isTruthy(a)), needs: any };
    case "contains": return containsTest(value as JsonValue);
    case "matches": {
      const re = compileRegex(value, where);
      return { test: (a) => (typeof a === "string" ? outcome(re.test(a)) : MISMATCH), needs: "text" };
    }
    case "empty": return { test: emptiness, needs: "a list, text or object" };
    case "not-empty": return {
      test: (a) => { const e = emptiness(a); return e === MISMATCH ? MISMATCH : e === TRUE ? FALSE : TRUE; },
      needs: "a list, text or object",
    };
  }
}
