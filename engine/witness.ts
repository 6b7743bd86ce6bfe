// Synthesised examples: from a condition, a resource that must satisfy it and one that must
// violate it. Evaluating both catches inverted and vacuous rules before anything is enforced.
import type { Condition, JsonValue } from "../contracts/policy.js";

/** Path → value assignments; quantified paths hold arrays of element objects. */
export type Patch = Map<string, unknown>;

export interface Witnesses {
  satisfying: Patch | null;
  violating: Patch | null;
}

const SENTINEL = "__agpm-example__";

function other(value: JsonValue | undefined): unknown {
  if (typeof value === "boolean") return !value;
  if (typeof value === "number") return value + 1;
  if (typeof value === "string") return `${value}${SENTINEL}`;
  return value === null ? SENTINEL : null;
}

function leaf(op: string, value: JsonValue | undefined): [unknown, unknown] | null {
  const list = Array.isArray(value) ? value : [];
  const outside = list.every((v) => typeof v === "number") && list.length > 0 ? Math.max(...(list as number[])) + 1 : SENTINEL;
  const n = typeof value === "number" ? value : 0;
  switch (op) {
    case "eq": return [value, other(value)];
    case "neq": return [other(value), value];
    case "in": return list.length > 0 ? [list[0], outside] : null;
    case "nin": return list.length > 0 ? [outside, list[0]] : null;
    case "gt": return [n + 1, n];
    case "gte": return [n, n - 1];
    case "lt": return [n - 1, n];
    case "lte": return [n, n + 1];
    case "exists": return [SENTINEL, null];
    case "absent": return [null, SENTINEL];
    case "truthy": return [true, false];
    case "falsy": return [false, true];
    case "contains": return [[value], []];
    case "empty": return [[], [SENTINEL]];
    case "not-empty": return [[SENTINEL], []];
    default: return null; // "matches": no general way to invent a matching string
  }
}

function merge(...patches: Array<Patch | null>): Patch | null {
  if (patches.some((p) => p === null)) return null;
  const out: Patch = new Map();
  for (const p of patches as Patch[]) for (const [k, v] of p) out.set(k, v);
  return out;
}

/** Builds a plain object (an element, or a resource's fields) from a patch. */
export function materialise(patch: Patch, base: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = structuredClone(base);
  for (const [path, value] of patch) {
    const keys = path.split(".");
    let node = out;
    for (const key of keys.slice(0, -1)) {
      const next = node[key];
      node[key] = typeof next === "object" && next !== null && !Array.isArray(next) ? { ...(next as object) } : {};
      node = node[key] as Record<string, unknown>;
    }
    node[keys[keys.length - 1] ?? path] = value;
  }
  return out;
}

function element(patch: Patch): unknown {
  return patch.has("@") ? patch.get("@") : materialise(patch);
}

export function witnesses(cond: Condition): Witnesses {
  if ("all" in cond) {
    const kids = cond.all.map(witnesses);
    const satisfying = merge(...kids.map((k) => k.satisfying));
    const breaker = kids.findIndex((k) => k.violating !== null);
    const violating = satisfying && breaker >= 0 ? merge(satisfying, kids[breaker]?.violating ?? null) : null;
    return { satisfying, violating };
  }
  if ("any" in cond) {
    const kids = cond.any.map(witnesses);
    return { satisfying: kids.find((k) => k.satisfying !== null)?.satisfying ?? null, violating: merge(...kids.map((k) => k.violating)) };
  }
  if ("not" in cond) {
    const inner = witnesses(cond.not);
    return { satisfying: inner.violating, violating: inner.satisfying };
  }
  if ("op" in cond) {
    const pair = leaf(cond.op, cond.value);
    return pair ? { satisfying: new Map([[cond.path, pair[0]]]), violating: new Map([[cond.path, pair[1]]]) } : { satisfying: null, violating: null };
  }
  const mode = "every" in cond ? "every" : "some" in cond ? "some" : "none";
  const inner = witnesses("every" in cond ? cond.every : "some" in cond ? cond.some : cond.none);
  const list = (p: Patch | null) => (p ? new Map([[cond.path, [element(p)]]]) : null);
  return mode === "none" ? { satisfying: list(inner.violating), violating: list(inner.satisfying) } : { satisfying: list(inner.satisfying), violating: list(inner.violating) };
}
