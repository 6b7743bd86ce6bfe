// Turns a synthesised partial resource into whole resources its kind's model accepts, so an
// action's plan can read it: missing fields take neutral values, and a value the model cannot
// hold (an invented enum member) is replaced by each value it can, one variant per choice.
import type { z } from "zod";
import { neutral } from "../../engine/examples.js";
import { findKind, modelSchema } from "../../engine/registry.js";
import type { Resource } from "../../contracts/resource.js";

type Schema = z.core.$ZodType;
type Plain = Record<string, unknown>;

/** Enough to cover every member of the enums a rule touches, without a combinatorial blow-up. */
const MAX_VARIANTS = 24;

const isPlain = (v: unknown): v is Plain => typeof v === "object" && v !== null && !Array.isArray(v);

function product(choices: readonly unknown[][]): unknown[][] {
  let rows: unknown[][] = [[]];
  for (const options of choices) rows = rows.flatMap((row) => options.map((o) => [...row, o])).slice(0, MAX_VARIANTS);
  return rows;
}

function accepts(schema: Schema, value: unknown): boolean {
  return (schema as z.ZodType).safeParse(value).success;
}

function fit(schema: Schema, value: unknown, present: boolean): unknown[] {
  const def = (schema as z.core.$ZodTypes)._zod.def;
  switch (def.type) {
    case "optional": case "default": case "prefault": case "readonly": case "nonoptional": case "catch":
      return present ? fit(def.innerType, value, true) : [neutral(schema)];
    case "nullable": return value === null || !present ? [null] : fit(def.innerType, value, true);
    case "lazy": return fit(def.getter(), value, present);
    case "pipe": return fit(def.in, value, present);
    case "object": {
      const given = isPlain(value) ? value : {};
      const keys = Object.keys(def.shape);
      const rows = product(keys.map((key) => fit(def.shape[key] as Schema, given[key], Object.hasOwn(given, key))));
      return rows.map((row) => Object.fromEntries(keys.map((key, i) => [key, row[i]]).filter(([, v]) => v !== undefined)));
    }
    case "array": return Array.isArray(value) ? product(value.map((el) => fit(def.element, el, true))) : [[]];
    case "enum": {
      const members = Object.values(def.entries);
      return members.includes(value as never) ? [value] : members;
    }
    case "literal": return def.values.includes(value as never) ? [value] : [...def.values];
    case "string": return [typeof value === "string" ? value : ""];
    case "number": return [typeof value === "number" ? value : 0];
    case "boolean": return typeof value === "boolean" ? [value] : [false, true];
    case "union": return def.options.some((o) => accepts(o, value)) ? [value] : def.options.flatMap((o) => fit(o, value, present)).slice(0, MAX_VARIANTS);
    default: return [present ? value : neutral(schema)];
  }
}

/** Every whole resource of `kind` (up to a bound) that keeps what `partial` sets wherever the model allows it. */
export function wholeResources(kind: string, partial: Plain): Resource[] {
  const definition = findKind(kind);
  if (!definition) return [];
  const schema = modelSchema(definition);
  return fit(schema, partial, true).filter((r) => accepts(schema, r)) as Resource[];
}
