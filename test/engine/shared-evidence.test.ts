// Compiled conditions share evidence objects and lists between evaluations (issue 11); whatever the
// order subjects come in, each result must equal the pre-optimisation oracle's.
import { describe, expect, it } from "vitest";
import { compileCondition } from "../../engine/compile.js";
import type { Condition } from "../../contracts/policy.js";
import { compileCondition as referenceCondition } from "./reference-compile.js";

/** A small deterministic generator (mulberry32), so a failure names a seed that reproduces it. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CONDITIONS: Condition[] = [
  { all: [{ path: "a", op: "eq", value: 1 }, { path: "b", op: "eq", value: 1 }, { not: { path: "c", op: "truthy" } }] },
  { any: [{ path: "a", op: "gte", value: 2 }, { path: "name", op: "matches", value: "^x" }, { path: "tags.env", op: "exists" }] },
  { path: "list", none: { all: [{ path: "port", op: "lte", value: 22 }, { path: "open", op: "eq", value: true }] } },
  { path: "list", every: { any: [{ path: "open", op: "falsy" }, { path: "port", op: "in", value: [443, 80] }] } },
  { not: { path: "list", some: { path: "port", op: "gt", value: 1 } } },
  { path: "a", op: "lt", value: 2 },
];

/** Values from small domains, so the same evidence comes back often, mixed with values that never repeat. */
function subject(next: () => number, i: number): Record<string, unknown> {
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
  const entries = Array.from({ length: Math.floor(next() * 4) }, () => ({ port: pick([0, 22, 80, 443, -0, i]), open: pick([true, false, null]) }));
  return {
    a: pick([0, -0, 1, 2, "1", null, undefined, i]),
    b: pick([1, 2, true]),
    c: pick([true, false, 0, "", [], {}, [1]]),
    name: pick(["x-1", "y", `x-${i}`, 3]),
    tags: pick([{}, { env: "prod" }, { env: null }]),
    list: pick([entries, entries, null, undefined, "not a list"]),
  };
}

describe("when compiled conditions evaluate many subjects in turn", () => {
  it.each([1, 2, 3, 4, 5])("gives the oracle's result for each (seed %i)", (seed) => {
    const next = random(seed);
    const fast = CONDITIONS.map((c) => compileCondition(c));
    const reference = CONDITIONS.map((c) => referenceCondition(c));
    const results = fast.map(() => [] as unknown[]);
    const expected = fast.map(() => [] as unknown[]);
    for (let i = 0; i < 3000; i++) {
      const s = subject(next, i);
      const k = Math.floor(next() * fast.length);
      // results are kept and compared at the end: a later evaluation must not change an earlier result
      results[k]?.push(fast[k]?.(s));
      expected[k]?.push(reference[k]?.(s));
    }
    expect(results).toStrictEqual(expected);
  });

  it("shares evidence that says the same thing, and freezes what it shares", () => {
    const check = compileCondition({ path: "a", op: "eq", value: 1 });
    const [first, second, other] = [check({ a: 1 }), check({ a: 1 }), check({ a: 2 })];
    expect(second.evidence).toBe(first.evidence);
    expect(Object.isFrozen(first.evidence) && Object.isFrozen(first.evidence[0])).toBe(true);
    expect(other.evidence).not.toBe(first.evidence);
    // an object is part of the subject: its evidence is its own, as before
    const tags = { env: "prod" };
    expect(compileCondition({ path: "tags", op: "not-empty" })({ tags }).evidence[0]?.actual).toBe(tags);
  });
});
