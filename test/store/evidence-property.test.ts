// Property: whatever the evaluator puts in evidence — for every operator, with absent, null, NaN,
// huge, Date, bigint, nested and list values — is stored and read back in its JSON form, on both engines.
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { evaluatePolicy } from "../../engine/evaluate.js";
import type { Resource } from "../../contracts/resource.js";
import { OPERATORS, PolicySchema, UNARY_OPERATORS } from "../../contracts/policy.js";
import type { Condition, JsonValue, Operator } from "../../contracts/policy.js";
import { openStore, type Store } from "../../store/index.js";
import { eachBackend, samplePolicy, tempLocation, type TempLocation } from "./helpers.js";

/** What a resource field can hold in memory: JSON and the values JSON has no word for. */
const leafValue = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.boolean(),
  fc.string({ maxLength: 12 }),
  fc.double(), // NaN, ±Infinity, -0 and huge values included
  fc.constantFrom(Number.MAX_VALUE, Number.MIN_VALUE, Number.MAX_SAFE_INTEGER + 2),
  fc.date({ noInvalidDate: false }),
  fc.bigInt(),
);
const { actual } = fc.letrec<{ actual: unknown }>((tie) => ({
  actual: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leafValue,
    fc.array(tie("actual"), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 6 }), tie("actual"), { maxKeys: 4 }),
  ),
}));

/** A valid condition value for `op` (in/nin need a list, order operators a number or text). */
function conditionValue(op: Operator): fc.Arbitrary<JsonValue | undefined> {
  if (UNARY_OPERATORS.has(op)) return fc.constant(undefined);
  if (op === "in" || op === "nin") return fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }) as fc.Arbitrary<JsonValue>;
  if (op === "gt" || op === "gte" || op === "lt" || op === "lte") return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string({ maxLength: 8 }));
  if (op === "matches") return fc.constantFrom("^a", "(?i)x$", "[0-9]+", "");
  return fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<JsonValue>;
}

/** The leaf as written, negated, or asked of every/some/no entry of a list (tallies as evidence). */
function condition(op: Operator): fc.Arbitrary<Condition> {
  return conditionValue(op).chain((value) => {
    const leaf = (path: string): Condition => (value === undefined ? { path, op } : { path, op, value });
    return fc.constantFrom<Condition>(
      leaf("field"),
      { not: leaf("field") },
      leaf("tags.owner"),
      { path: "items", every: leaf("@") },
      { path: "items", some: leaf("deep.x") },
      { path: "items", none: leaf("@") },
    );
  });
}

function resource(index: number, field: unknown, items: unknown): Resource {
  const base: Resource = { kind: "test.thing", id: `r-${index}`, region: "eu-west-1", account: "123456789012", name: null, tags: {} };
  // An undefined field stays a missing key, as collectors leave it.
  return { ...base, ...(field === undefined ? {} : { field }), ...(items === undefined ? {} : { items }) };
}

const jsonBigint = (_key: string, v: unknown): unknown => (typeof v === "bigint" ? v.toString() : v);
/** What a JSON column can hold: the value as JSON.stringify writes it (bigint as its decimal text). */
const jsonForm = (value: unknown): unknown => JSON.parse(JSON.stringify(value, jsonBigint) ?? "null");

eachBackend((kind) => {
  let temp: TempLocation;
  let store: Store;
  beforeAll(async () => {
    temp = tempLocation(kind);
    store = await openStore(temp.location);
  });
  afterAll(async () => {
    await store.close();
    await temp.cleanup();
  });

  it.each(OPERATORS.map((op) => [op]))("stores and reads back every %s finding exactly in its JSON form", async (op) => {
    let sawAbsent = false;
    await fc.assert(
      fc.asyncProperty(condition(op), fc.array(fc.tuple(actual, actual), { minLength: 1, maxLength: 6 }), async (require, values) => {
        const policy = PolicySchema.parse(samplePolicy({ id: `p-${op}`, rules: [{ id: "r", title: "t", severity: "low", kind: "test.thing", require }] }));
        const { findings } = evaluatePolicy(policy, values.map(([field, items], i) => resource(i, field, items)));
        sawAbsent ||= findings.some((f) => f.evidence.some((e) => e.actual === undefined));
        const run = await store.runs.createRun({ intent: op, kind: "check", target: {}, actor: "property" });
        await store.findings.insertFindings(run.id, findings);
        const stored = await store.findings.listFindings({ runId: run.id });
        // The findings table keeps the location reports carry, beside the AWS region.
        expect(stored.map(({ id: _id, runId: _run, createdAt: _at, ...finding }) => finding)).toEqual(jsonForm(findings));
      }),
      { numRuns: 25 },
    );
    expect(sawAbsent).toBe(true);
  });
});
