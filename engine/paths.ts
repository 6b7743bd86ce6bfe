// Dotted paths: reading them from resources (fast, compiled once) and checking them against kind schemas.
import type { z } from "zod";
import { ResourceEnvelopeSchema } from "../contracts/resource.js";

/** The path that names the subject itself: the resource, or the element inside a quantifier. */
export const SELF_PATH = "@";

export interface PathLookup {
  found: boolean;
  value: unknown;
}

/** Reads a value; `undefined` means "not there" (JSON has no undefined, so nothing is lost). */
export type PathGetter = (subject: unknown) => unknown;

/**
 * Splits a dotted path into keys. Only tag keys may contain dots, so for `tags.<key>`
 * everything after `tags.` is one key: `tags.aws:cloudformation:stack-name` → ["tags", "aws:cloudformation:stack-name"].
 */
export function splitPath(path: string): string[] {
  if (path === SELF_PATH) return [];
  if (path.startsWith("tags.")) return ["tags", path.slice("tags.".length)];
  return path.split(".");
}

/** Keys that every object inherits; reading them needs an own-property check. */
const INHERITED_KEYS: ReadonlySet<string> = new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  ...Object.getOwnPropertyNames(Array.prototype),
]);
const INDEX = /^(0|[1-9]\d*)$/;

function stepper(key: string): (current: unknown) => unknown {
  const index = INDEX.test(key) ? Number(key) : -1;
  const guarded = INHERITED_KEYS.has(key);
  return (current) => {
    if (current === null || typeof current !== "object") return undefined;
    if (Array.isArray(current)) return index >= 0 ? current[index] : undefined;
    if (guarded && !Object.hasOwn(current, key)) return undefined;
    return (current as Record<string, unknown>)[key];
  };
}

/**
 * Compiles a path into a getter, once; the hot path of evaluation. Array elements are
 * reachable by numeric keys (`ingress.0.fromPort`); everything else must be a plain object key.
 * @example compileGetter("encryption.enabled")({ encryption: { enabled: true } }) // true
 */
export function compileGetter(path: string): PathGetter {
  const keys = splitPath(path);
  if (keys.length === 0) return (subject) => subject;
  const steps = keys.map((key) => stepper(key));
  const [first, second, third] = steps;
  if (steps.length === 1 && first) return first;
  if (steps.length === 2 && first && second) return (subject) => second(first(subject));
  if (steps.length === 3 && first && second && third) return (subject) => third(second(first(subject)));
  return (subject) => {
    let current = subject;
    for (const step of steps) {
      current = step(current);
      if (current === undefined) return undefined;
    }
    return current;
  };
}

/**
 * Reads a dotted path from a resource (or any plain value).
 * @example getPath(bucket, "tags.env") // { found: true, value: "prod" }
 */
export function getPath(subject: unknown, path: string): PathLookup {
  const value = compileGetter(path)(subject);
  return { found: value !== undefined, value };
}


export type ModelPathType = "boolean" | "string" | "number" | "array" | "object" | "record" | "unknown";
export type ModelLiteral = string | number | boolean | null;

export interface ModelPathInfo {
  exists: boolean;
  /** What the path holds ("unknown" when it does not exist or the model does not say). */
  type: ModelPathType;
  /** The model allows null (or omits the field) here. */
  nullable: boolean;
  /**
   * The walk stepped from an array into its elements without an index: the path names a
   * field of each element, which only a quantifier (every/some/none) can address.
   */
  throughArray: boolean;
  /** For arrays and records: the type of each element or value. */
  element?: ModelPathType;
  /** For enums and literals: the only values allowed. */
  values?: readonly ModelLiteral[];
  /** When the path does not exist: where the walk stopped and the keys it could have taken. */
  missing?: { at: string; key: string; available: string[] };
}

type Schema = z.core.$ZodType;
interface Unwrapped { schema: z.core.$ZodTypes; nullable: boolean }

function unwrap(start: Schema): Unwrapped {
  let schema = start as z.core.$ZodTypes;
  let nullable = false;
  for (;;) {
    const def = schema._zod.def;
    if (def.type === "optional" || def.type === "nullable") nullable = true;
    if (def.type === "optional" || def.type === "nullable" || def.type === "default" || def.type === "prefault"
      || def.type === "nonoptional" || def.type === "readonly" || def.type === "catch") {
      schema = def.innerType as z.core.$ZodTypes;
    } else if (def.type === "lazy") schema = def.getter() as z.core.$ZodTypes;
    else if (def.type === "pipe") schema = (def.out._zod.def.type === "transform" ? def.in : def.out) as z.core.$ZodTypes;
    else return { schema, nullable };
  }
}

function literalType(values: readonly unknown[]): ModelPathType {
  const types = new Set(values.filter((v) => v !== null).map((v) => typeof v));
  if (types.size !== 1) return "unknown";
  const [only] = types;
  return only === "string" || only === "number" || only === "boolean" ? only : "unknown";
}

function classify(start: Schema): Omit<ModelPathInfo, "exists" | "throughArray"> {
  const { schema, nullable } = unwrap(start);
  const def = schema._zod.def;
  switch (def.type) {
    case "string": case "template_literal": case "date": return { type: "string", nullable };
    case "number": case "bigint": case "nan": return { type: "number", nullable };
    case "boolean": return { type: "boolean", nullable };
    case "null": return { type: "unknown", nullable: true };
    case "enum": return { type: "string", nullable, values: Object.values(def.entries) };
    case "literal": {
      const values = def.values.filter((v): v is Exclude<typeof v, bigint | undefined> => typeof v !== "bigint" && v !== undefined);
      return { type: literalType(values), nullable: nullable || values.includes(null), values };
    }
    case "array": return { type: "array", nullable, element: classify(def.element).type };
    case "set": return { type: "array", nullable, element: classify(def.valueType).type };
    case "tuple": return { type: "array", nullable };
    case "object": return { type: "object", nullable };
    case "record": case "map": return { type: "record", nullable, element: classify(def.valueType).type };
    case "union": {
      const parts = def.options.map((o) => classify(o));
      const nonNull = parts.filter((p) => !(p.type === "unknown" && p.nullable && p.values === undefined));
      const types = new Set(nonNull.map((p) => p.type));
      const [only] = types;
      const anyNullable = nullable || parts.some((p) => p.nullable);
      const values = nonNull.every((p) => p.values) ? nonNull.flatMap((p) => p.values ?? []) : undefined;
      return types.size === 1 && only ? { type: only, nullable: anyNullable, ...(values ? { values } : {}) } : { type: "unknown", nullable: anyNullable };
    }
    default: return { type: "unknown", nullable };
  }
}

const ENVELOPE_SHAPE: Record<string, Schema> = ResourceEnvelopeSchema.shape;

function missing(at: string[], key: string, available: string[], throughArray: boolean): ModelPathInfo {
  return { exists: false, type: "unknown", nullable: false, throughArray, missing: { at: at.join("."), key, available } };
}

function walk(start: Schema, keys: readonly string[], i: number, throughArray: boolean): ModelPathInfo {
  const key = keys[i];
  if (key === undefined) return { exists: true, throughArray, ...classify(start) };
  const { schema } = unwrap(start);
  const def = schema._zod.def;
  const isIndex = key === SELF_PATH || INDEX.test(key);
  switch (def.type) {
    case "object": {
      if (key === SELF_PATH) return walk(schema, keys, i + 1, throughArray);
      const field = Object.hasOwn(def.shape, key) ? def.shape[key] : undefined;
      return field ? walk(field, keys, i + 1, throughArray) : missing(keys.slice(0, i), key, Object.keys(def.shape), throughArray);
    }
    case "record": case "map": return walk(def.valueType, keys, i + 1, throughArray);
    case "array": return walk(def.element, keys, isIndex ? i + 1 : i, throughArray || !isIndex);
    case "set": return walk(def.valueType, keys, isIndex ? i + 1 : i, throughArray || !isIndex);
    case "union": {
      const tries = def.options.map((o) => walk(o, keys, i, throughArray));
      return tries.find((t) => t.exists) ?? missing(keys.slice(0, i), key, tries.flatMap((t) => t.missing?.available ?? []), throughArray);
    }
    case "any": case "unknown": return { exists: true, type: "unknown", nullable: true, throughArray };
    default:
      return key === SELF_PATH ? walk(schema, keys, i + 1, throughArray) : missing(keys.slice(0, i), key, [], throughArray);
  }
}

/**
 * Says whether a dotted path exists in a kind's model and what it holds. Optional, nullable
 * and defaulted fields are unwrapped; a path continuing past an array walks into its elements
 * (`ingress.fromPort`, flagged `throughArray`), `ingress.0.fromPort` and `ingress.@.fromPort`
 * index them. `tags` and `tags.<any key>` exist on every kind, as do the envelope fields.
 * @example describeModelPath(modelSchema(s3Bucket), "encryption.enabled") // { exists: true, type: "boolean", … }
 */
export function describeModelPath(kindSchema: z.ZodObject, path: string): ModelPathInfo {
  const keys = splitPath(path);
  const [head] = keys;
  if (head === "tags") {
    return keys.length === 1
      ? { exists: true, type: "record", element: "string", nullable: false, throughArray: false }
      : { exists: true, type: "string", nullable: true, throughArray: false };
  }
  if (head !== undefined && !Object.hasOwn(kindSchema.shape, head) && Object.hasOwn(ENVELOPE_SHAPE, head)) {
    const field = ENVELOPE_SHAPE[head];
    if (field) return walk(field, keys, 1, false);
  }
  return walk(kindSchema, keys, 0, false);
}
