// PRE-OPTIMISATION ORACLE (issue 11): engine/compile.ts as it was before evaluatePolicy was made fast, kept verbatim
// (only import paths changed) so test/engine/evaluate-oracle.test.ts can check that the fast path gives the same
// findings, summaries, reasons, evidence and order. Do not edit or "fix" it: it is what the fast path must match.
// Compiles a condition tree once into a plain function that evaluates it with evidence.
import { effectiveQuantifier, quantifiedPhrase } from "../../engine/explain.js";
import type { QuantifierMode } from "../../engine/explain.js";
import { compileOperator, invalidCondition, MISMATCH, TRUE } from "../../engine/operators.js";
import { compileGetter, SELF_PATH } from "../../engine/paths.js";
import { expectedPhrase } from "../../engine/phrases.js";
import type { Evidence } from "../../contracts/resource.js";
import { OPERATORS } from "../../contracts/policy.js";
import type { Condition, JsonValue, Operator } from "../../contracts/policy.js";

export interface ConditionResult {
  ok: boolean;
  /** Why: for a failure, the failing leaves (and quantifier tallies); for a pass, what was checked. */
  evidence: Evidence[];
}
export type CompiledCondition = (subject: unknown) => ConditionResult;

/** The `actual` of a quantifier's evidence: how many entries the list has and how many match. */
export interface QuantifierTally { entries: number; matching: number }

export function isQuantifierTally(value: unknown): value is QuantifierTally {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.entries === "number" && typeof v.matching === "number" && Object.keys(v).length === 2;
}

/** At most this many entries of one list report their own evidence; the tally counts them all. */
export const MAX_ENTRY_EVIDENCE = 20;

/**
 * Evidence gathered during one evaluation. Nodes append to it and drop what they don't report
 * by moving a counter back, so no node allocates a result or resizes an array.
 */
class Sink {
  items: Evidence[] = [];
  n = 0;
  push(evidence: Evidence): void {
    this.items[this.n++] = evidence;
  }
  /** Moves the entries from `from` on down to `to`, dropping those between. */
  keepFrom(to: number, from: number): void {
    if (from === to) return;
    for (let k = from; k < this.n; k++) this.items[to + k - from] = this.items[k] as Evidence;
    this.n -= from - to;
  }
}

/** A compiled node: `test` answers fast, `check` also appends its evidence to a sink. */
interface Node {
  test: (subject: unknown) => boolean;
  check: (subject: unknown, sink: Sink) => boolean;
}

const OPERATOR_SET: ReadonlySet<string> = new Set(OPERATORS);
const scratch = new Sink();

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function checkPath(path: unknown, where: string): string {
  if (typeof path !== "string" || path.length === 0) throw invalidCondition(where, "needs a path such as encryption.enabled");
  return path;
}

function anyOf(children: readonly Node[]): Node {
  return {
    test: (subject) => {
      for (const child of children) if (child.test(subject)) return true;
      return false;
    },
    check: (subject, sink) => {
      const start = sink.n;
      for (const child of children) {
        const before = sink.n;
        // a passing `any` reports the child that passed; a failing one, every child
        if (child.check(subject, sink)) { sink.keepFrom(start, before); return true; }
      }
      return false;
    },
  };
}

function allOf(children: readonly Node[]): Node {
  return {
    test: (subject) => {
      for (const child of children) if (!child.test(subject)) return false;
      return true;
    },
    check: (subject, sink) => {
      const start = sink.n;
      let ok = true;
      for (const child of children) {
        const before = sink.n;
        if (child.check(subject, sink)) {
          if (!ok) sink.n = before; // a failing `all` reports only its failing children
        } else if (ok) {
          ok = false;
          sink.keepFrom(start, before);
        }
      }
      return ok;
    },
  };
}

function leaf(path: string, op: Operator, value: JsonValue | undefined, where: string, negated: boolean): Node {
  const get = compileGetter(path);
  const { test, needs } = compileOperator(op, value, where);
  const expected = expectedPhrase(op, value, negated);
  const mismatch = `${expected} (${needs})`;
  return {
    test: (subject) => {
      const outcome = test(get(subject));
      return outcome !== MISMATCH && (outcome === TRUE) !== negated;
    },
    check: (subject, sink) => {
      const actual = get(subject);
      const outcome = test(actual);
      if (outcome === MISMATCH) { sink.push({ path, expected: mismatch, actual }); return false; }
      sink.push({ path, expected, actual });
      return (outcome === TRUE) !== negated;
    },
  };
}

function prefixEntries(sink: Sink, from: number, prefix: string): void {
  const items = sink.items;
  for (let k = from; k < sink.n; k++) {
    const e = items[k] as Evidence;
    items[k] = { path: e.path === SELF_PATH ? prefix : `${prefix}.${e.path}`, expected: e.expected, actual: e.actual };
  }
}

function quantifier(path: string, mode: QuantifierMode, inner: Condition, where: string, negated: boolean): Node {
  const get = compileGetter(path);
  const effective = effectiveQuantifier(mode, negated);
  // "no entry that has X" runs as "every entry has not-X", so offending entries explain themselves.
  const countsViolations = effective.mode === "none";
  const requireAll = effective.mode !== "some";
  const entry = build(inner, `${where}.${mode}`, countsViolations ? !effective.innerNegated : effective.innerNegated);
  const phrase = quantifiedPhrase(effective.mode, undefined, inner, effective.innerNegated);
  const whenMissing = requireAll ? `${phrase} (a missing list counts as empty)` : phrase;
  const test = (subject: unknown): boolean => {
    const list = get(subject);
    if (list === undefined || list === null) return requireAll;
    if (!Array.isArray(list)) return false;
    for (const item of list) if (entry.test(item) !== requireAll) return !requireAll;
    return requireAll;
  };
  const check = (subject: unknown, sink: Sink): boolean => {
    const list = get(subject);
    if (list === undefined || list === null) { sink.push({ path, expected: whenMissing, actual: list }); return requireAll; }
    if (!Array.isArray(list)) { sink.push({ path, expected: `a list with ${phrase}`, actual: list }); return false; }
    const summary = { path, expected: phrase, actual: undefined as unknown };
    sink.push(summary);
    let passing = 0;
    let reported = 0;
    for (let i = 0; i < list.length; i++) {
      // Entries are tested fast; only those reported are evaluated again for their evidence.
      const ok = entry.test(list[i]);
      if (ok) passing++;
      const report = requireAll ? !ok : ok && passing === 1;
      if (report && reported < MAX_ENTRY_EVIDENCE) {
        reported++;
        const before = sink.n;
        entry.check(list[i], sink);
        prefixEntries(sink, before, `${path}[${i}]`);
      }
    }
    const entries = list.length;
    const tally: QuantifierTally = { entries, matching: countsViolations ? entries - passing : passing };
    summary.actual = tally;
    return requireAll ? passing === entries : passing > 0;
  };
  return { test, check };
}

function build(cond: Condition, where: string, negated: boolean): Node {
  if (!isRecord(cond)) throw invalidCondition(where, "is not a condition");
  if ("not" in cond) return build(cond.not, `${where}.not`, !negated);
  if ("all" in cond || "any" in cond) {
    const key = "all" in cond ? "all" : "any";
    const list: unknown = "all" in cond ? cond.all : cond.any;
    if (!Array.isArray(list) || list.length === 0) throw invalidCondition(`${where}.${key}`, "needs a non-empty list of conditions");
    const children = (list as Condition[]).map((c, i) => build(c, `${where}.${key}[${i}]`, negated));
    const [only] = children;
    if (children.length === 1 && only) return only;
    return (key === "all") !== negated ? allOf(children) : anyOf(children);
  }
  const path = checkPath((cond as { path?: unknown }).path, where);
  if ("op" in cond) {
    if (!OPERATOR_SET.has(cond.op)) throw invalidCondition(`${where}.op`, `unknown operator ${JSON.stringify(cond.op)}`);
    return leaf(path, cond.op, cond.value, where, negated);
  }
  if ("every" in cond) return quantifier(path, "every", cond.every, where, negated);
  if ("some" in cond) return quantifier(path, "some", cond.some, where, negated);
  if ("none" in cond) return quantifier(path, "none", cond.none, where, negated);
  throw invalidCondition(where, "needs all, any, not, op, every, some or none");
}

/**
 * Compiles a condition once into a function of a resource (or any subject).
 * @param where where the condition sits, for error messages (e.g. `rules[s3-encrypted].require`)
 * @throws AgpmError POLICY_INVALID naming the place in the tree: a bad regex, a missing value…
 * @example
 * const check = compileCondition({ path: "encryption.enabled", op: "eq", value: true });
 * check(bucket) // { ok: false, evidence: [{ path: "encryption.enabled", expected: "equal to true", actual: false }] }
 */
export function compileCondition(cond: Condition, where = "condition"): CompiledCondition {
  const { check } = build(cond, where, false);
  return (subject) => {
    // Evaluation is synchronous and never re-enters, so one scratch sink serves every call.
    scratch.n = 0;
    const ok = check(subject, scratch);
    return { ok, evidence: scratch.items.slice(0, scratch.n) };
  };
}

/**
 * Compiles a condition into a bare predicate, without evidence: for filters on hot paths.
 * @example compileTest({ path: "state", op: "eq", value: "running" })(instance) // true
 */
export function compileTest(cond: Condition, where = "condition"): (subject: unknown) => boolean {
  return build(cond, where, false).test;
}
