// Checks a condition against a kind's model: unknown fields, lists used as scalars, ill-typed values.
import type { z } from "zod";
import { describeModelPath, SELF_PATH } from "./paths.js";
import type { ModelPathInfo } from "./paths.js";
import type { Condition, JsonValue, Operator } from "../contracts/policy.js";

export interface PathProblem {
  /** Where in the condition tree, e.g. `require.all[1]`. */
  conditionPath: string;
  /** The resource path as written in the condition. */
  path: string;
  message: string;
}

const ORDERED: ReadonlySet<Operator> = new Set(["gt", "gte", "lt", "lte"]);

function typeOfValue(value: JsonValue): string {
  return value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
}

/** Why a value cannot be compared with a field of this type, if it cannot. */
function valueProblem(info: ModelPathInfo, op: Operator, value: JsonValue | undefined): string | undefined {
  const { type } = info;
  if (ORDERED.has(op) && type !== "number" && type !== "string" && type !== "unknown") return `${op} needs a number, but the field is ${type}`;
  if (op === "matches" && type !== "string" && type !== "unknown") return `matches needs text, but the field is ${type}`;
  if (op === "contains" && type !== "array" && type !== "string" && type !== "unknown") return `contains needs a list or text, but the field is ${type}`;
  const candidates = op === "eq" || op === "neq" ? [value] : (op === "in" || op === "nin") && Array.isArray(value) ? value : [];
  for (const candidate of candidates) {
    if (candidate === undefined || candidate === null) continue;
    const scalar = type === "boolean" || type === "number" || type === "string";
    if (scalar && typeOfValue(candidate) !== type) return `${JSON.stringify(candidate)} is not a ${type}, the field's type`;
    if (info.values && typeof candidate !== "object" && !info.values.includes(candidate)) {
      return `${JSON.stringify(candidate)} is not one of the field's values ${JSON.stringify(info.values)}`;
    }
  }
  return undefined;
}

function describe(schema: z.ZodObject, prefix: string, path: string): { full: string; info: ModelPathInfo } {
  const full = prefix === "" ? path : path === SELF_PATH ? `${prefix}.@` : `${prefix}.@.${path}`;
  return { full, info: describeModelPath(schema, full) };
}

function pathProblem(info: ModelPathInfo, path: string): string | undefined {
  if (!info.exists) {
    const m = info.missing;
    const at = m?.at ? ` of ${m.at}` : "";
    const known = m && m.available.length > 0 ? ` (known: ${m.available.join(", ")})` : "";
    return `${m?.key ?? path} is not a field${at}${known}`;
  }
  if (info.throughArray) return `${path} reaches into a list: check its entries with every, some or none`;
  return undefined;
}

function walk(cond: Condition, schema: z.ZodObject, prefix: string, where: string, out: PathProblem[]): void {
  if ("not" in cond) return walk(cond.not, schema, prefix, `${where}.not`, out);
  if ("all" in cond) return cond.all.forEach((c, i) => walk(c, schema, prefix, `${where}.all[${i}]`, out));
  if ("any" in cond) return cond.any.forEach((c, i) => walk(c, schema, prefix, `${where}.any[${i}]`, out));
  const { full, info } = describe(schema, prefix, cond.path);
  const problem = pathProblem(info, cond.path);
  if (problem) { out.push({ conditionPath: where, path: cond.path, message: problem }); return; }
  if ("op" in cond) {
    const bad = valueProblem(info, cond.op, cond.value);
    if (bad) out.push({ conditionPath: where, path: cond.path, message: bad });
    return;
  }
  const [key, inner] = "every" in cond ? ["every", cond.every] : "some" in cond ? ["some", cond.some] : ["none", cond.none];
  if (info.type !== "array" && info.type !== "unknown") {
    out.push({ conditionPath: where, path: cond.path, message: `${key} needs a list, but ${cond.path} is ${info.type}` });
    return;
  }
  walk(inner, schema, full, `${where}.${key}`, out);
}

/**
 * The fields a condition names that the kind's model lacks or cannot compare as asked.
 * Paths inside a quantifier are checked against the list's entries.
 * @example findPathProblems({ path: "encryption.nope", op: "truthy" }, modelSchema(s3Bucket))
 * // [{ conditionPath: "condition", path: "encryption.nope", message: "nope is not a field of encryption (known: enabled, …)" }]
 */
export function findPathProblems(cond: Condition, kindSchema: z.ZodObject, where = "condition"): PathProblem[] {
  const out: PathProblem[] = [];
  walk(cond, kindSchema, "", where, out);
  return out;
}
