// Compiles a condition tree once into a plain function that evaluates it with evidence.
import { effectiveQuantifier, quantifiedPhrase } from "./explain.js";
import type { QuantifierMode } from "./explain.js";
import { compileOperator, invalidCondition, MISMATCH, TRUE } from "./operators.js";
import { compileGetter, SELF_PATH } from "./paths.js";
import { expectedPhrase } from "./phrases.js";
import type { Evidence } from "../contracts/resource.js";
import { OPERATORS } from "../contracts/policy.js";
import type { Condition, JsonValue, Operator } from "../contracts/policy.js";

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

/** At most this many evidence objects (or lists) are shared per node: enough for booleans, states and small numbers. */
const MAX_SHARED = 64;

/**
 * Evidence that says the same thing every time — one node, the same primitive value — is one frozen
 * object that every finding reporting it shares. Findings keep their evidence alive until the whole
 * catalogue has been evaluated, and a fresh copy per finding made the garbage collector a third of
 * evaluatePolicy's time (issue 11). Objects and lists (an `actual` that is part of the resource) and
 * -0 (which a Map key would confuse with 0) get a fresh object, as before.
 */
class SharedEvidence {
  private readonly byValue = new Map<unknown, Evidence>();
  // booleans, the commonest values, skip the map
  private yes: Evidence | undefined;
  private no: Evidence | undefined;
  // the last value looked up, which the next resource often has too
  private lastActual: unknown;
  private last: Evidence | undefined;
  constructor(private readonly path: string, private readonly expected: string) {}
  /** Pushes the evidence for `actual` onto the sink: the shared object when there is one. */
  push(actual: unknown, sink: Sink): void {
    if (actual === true) { sink.push(this.yes ??= this.make(true)); return; }
    if (actual === false) { sink.push(this.no ??= this.make(false)); return; }
    if (actual === this.lastActual && this.last) { sink.push(this.last); return; }
    if ((typeof actual !== "object" || actual === null) && !Object.is(actual, -0)) {
      const known = this.byValue.get(actual);
      if (known) {
        if (actual !== 0) { this.lastActual = actual; this.last = known; } // 0 === -0, which must not share
        sink.push(known);
        return;
      }
      if (this.byValue.size < MAX_SHARED) { sink.push(share(this.byValue, actual, this.make(actual))); return; }
    }
    sink.pushFresh(this.make(actual));
  }
  private make(actual: unknown): Evidence {
    return actual === true || actual === false ? Object.freeze({ path: this.path, expected: this.expected, actual }) : { path: this.path, expected: this.expected, actual };
  }
}

/** Freezes `evidence` (a shared object must not change under other findings) and keeps it while there is room. */
function share<K>(pool: Map<K, Evidence>, key: K, evidence: Evidence): Evidence {
  if (pool.size >= MAX_SHARED) return evidence;
  if (typeof evidence.actual === "object" && evidence.actual !== null) Object.freeze(evidence.actual);
  pool.set(key, Object.freeze(evidence));
  return evidence;
}

const isShared = (evidence: Evidence): boolean => Object.isFrozen(evidence);

/**
 * Evidence gathered during one evaluation. Nodes append to it and drop what they don't report
 * by moving a counter back, so no node allocates a result or resizes an array.
 */
class Sink {
  items: Evidence[] = [];
  n = 0;
  /** Set when an unshared piece of evidence was pushed since the reset (dropping it later does not clear it). */
  fresh = false;
  push(evidence: Evidence): void {
    this.items[this.n++] = evidence;
  }
  pushFresh(evidence: Evidence): void {
    this.fresh = true;
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
const PLACEHOLDER: Evidence = Object.freeze({ path: "", expected: "", actual: undefined });
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
  const evidence = new SharedEvidence(path, expected);
  const mismatch = new SharedEvidence(path, `${expected} (${needs})`);
  return {
    test: (subject) => {
      const outcome = test(get(subject));
      return outcome !== MISMATCH && (outcome === TRUE) !== negated;
    },
    check: (subject, sink) => {
      const actual = get(subject);
      const outcome = test(actual);
      if (outcome === MISMATCH) { mismatch.push(actual, sink); return false; }
      evidence.push(actual, sink);
      return (outcome === TRUE) !== negated;
    },
  };
}

const prefixed = (e: Evidence, prefix: string): Evidence =>
  ({ path: e.path === SELF_PATH ? prefix : `${prefix}.${e.path}`, expected: e.expected, actual: e.actual });

/**
 * Entry evidence under its entry's path (`ingress[1].world`). Shared evidence of the first entries
 * stays shared: the prefixed copy is kept per entry index, keyed by the entry's shared evidence.
 */
class PrefixedEvidence {
  private readonly byIndex: Array<Map<Evidence, Evidence>> = [];
  constructor(private readonly path: string) {}
  apply(sink: Sink, from: number, i: number): void {
    const prefix = `${this.path}[${i}]`;
    const pool = i < MAX_SHARED ? (this.byIndex[i] ??= new Map()) : undefined;
    const items = sink.items;
    for (let k = from; k < sink.n; k++) {
      const e = items[k] as Evidence;
      if (!pool || !isShared(e)) { items[k] = prefixed(e, prefix); continue; }
      items[k] = pool.get(e) ?? share(pool, e, prefixed(e, prefix));
    }
  }
}

/** A quantifier's tally evidence, shared per (entries, matching) while there is room. */
class SharedTallies {
  private readonly byTally = new Map<number, Evidence>();
  constructor(private readonly path: string, private readonly expected: string) {}
  of(entries: number, matching: number): Evidence {
    const key = entries * 0x100000 + matching;
    const known = entries < 0x100000 ? this.byTally.get(key) : undefined;
    if (known) return known;
    const tally: QuantifierTally = { entries, matching };
    const evidence = { path: this.path, expected: this.expected, actual: tally };
    return entries < 0x100000 ? share(this.byTally, key, evidence) : evidence;
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
  const whenMissing = new SharedEvidence(path, requireAll ? `${phrase} (a missing list counts as empty)` : phrase);
  const notList = new SharedEvidence(path, `a list with ${phrase}`);
  const tallies = new SharedTallies(path, phrase);
  const prefix = new PrefixedEvidence(path);
  const test = (subject: unknown): boolean => {
    const list = get(subject);
    if (list === undefined || list === null) return requireAll;
    if (!Array.isArray(list)) return false;
    for (const item of list) if (entry.test(item) !== requireAll) return !requireAll;
    return requireAll;
  };
  const check = (subject: unknown, sink: Sink): boolean => {
    const list = get(subject);
    if (list === undefined || list === null) { whenMissing.push(list, sink); return requireAll; }
    if (!Array.isArray(list)) { notList.push(list, sink); return false; }
    // the tally goes first, though it is known last: hold its place
    const at = sink.n;
    sink.push(PLACEHOLDER);
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
        prefix.apply(sink, before, i);
      }
    }
    const entries = list.length;
    const tally = tallies.of(entries, countsViolations ? entries - passing : passing);
    if (!isShared(tally)) sink.fresh = true;
    sink.items[at] = tally;
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
 * A compiled condition that leaves its evidence in one scratch list shared by every condition, so a
 * caller that only sometimes needs the evidence (a rule's `when`) pays for a list only then.
 */
export interface ConditionRunner {
  /** Evaluates the condition; its evidence is readable until any condition runs again. */
  run(subject: unknown): boolean;
  /**
   * The evidence of the last run. A list with the same (shared) evidence as one returned before is
   * that same frozen list: findings share it, and nothing may change it.
   */
  evidence(): Evidence[];
}

/** Up to this many evidence lists a condition hands out again: its usual pass and its usual failures. */
const SHARED_LISTS = 8;

/**
 * Compiles a condition once into a {@link ConditionRunner}.
 * @throws AgpmError POLICY_INVALID naming the place in the tree, as {@link compileCondition}
 */
export function compileRunner(cond: Condition, where = "condition"): ConditionRunner {
  const { check } = build(cond, where, false);
  const lists: Evidence[][] = [];
  let next = 0;
  const same = (list: readonly Evidence[], items: readonly Evidence[], n: number): boolean => {
    if (list.length !== n) return false;
    for (let k = 0; k < n; k++) if (list[k] !== items[k]) return false;
    return true;
  };
  return {
    run(subject) {
      // Evaluation is synchronous and never re-enters, so one scratch sink serves every call.
      scratch.n = 0;
      scratch.fresh = false;
      return check(subject, scratch);
    },
    evidence() {
      const { items, n } = scratch;
      if (scratch.fresh) return items.slice(0, n);
      for (const list of lists) if (same(list, items, n)) return list;
      // only lists of shared evidence are kept: they are the ones that come again
      const list = Object.freeze(items.slice(0, n)) as Evidence[];
      lists[next] = list;
      next = (next + 1) % SHARED_LISTS;
      return list;
    },
  };
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
  return conditionOf(compileRunner(cond, where));
}

/** A runner as a {@link CompiledCondition}. */
export function conditionOf(runner: ConditionRunner): CompiledCondition {
  return (subject) => {
    const ok = runner.run(subject);
    return { ok, evidence: runner.evidence() };
  };
}

/**
 * Compiles a condition into a bare predicate, without evidence: for filters on hot paths.
 * @example compileTest({ path: "state", op: "eq", value: "running" })(instance) // true
 */
export function compileTest(cond: Condition, where = "condition"): (subject: unknown) => boolean {
  return build(cond, where, false).test;
}
