// Example resources for controls: a neutral baseline per kind, generated from its model, with a
// control's compliant and noncompliant overlays applied — what the validator evaluates rules on.
import type { z } from "zod";
import { AgpmError } from "../core/errors.js";
import { findKind, modelSchema } from "./registry.js";
import type { Resource } from "../contracts/resource.js";
import { ANY_KIND } from "./control.js";
import type { ControlDefinition, ControlExamples, ControlParams } from "./control.js";

type Plain = Record<string, unknown>;
type Schema = z.core.$ZodType;

/** The kind `ANY_KIND` controls' examples are shown on when no kind is given. */
export const DEFAULT_EXAMPLE_KIND = "aws.s3.bucket";

function isPlain(value: unknown): value is Plain {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The blandest value a schema accepts: null where allowed, else false, 0, "", [], {} or the first literal. */
export function neutral(schema: Schema): unknown {
  const def = (schema as z.core.$ZodTypes)._zod.def;
  switch (def.type) {
    case "nullable": case "null": return null;
    case "optional": case "undefined": return undefined;
    case "default": case "prefault": case "readonly": case "nonoptional": case "catch": return neutral(def.innerType);
    case "lazy": return neutral(def.getter());
    case "pipe": return neutral(def.in);
    case "string": return "";
    case "number": return 0;
    case "boolean": return false;
    case "enum": return Object.values(def.entries)[0];
    case "literal": return def.values[0];
    case "array": case "set": case "tuple": return [];
    case "record": case "map": return {};
    case "union": return def.options[0] ? neutral(def.options[0]) : null;
    case "object": {
      const entries = Object.entries(def.shape).map(([key, field]) => [key, neutral(field)] as const);
      return Object.fromEntries(entries.filter(([, value]) => value !== undefined));
    }
    default: return null;
  }
}

/**
 * A complete resource of the kind that passes its model schema: the envelope (id
 * `example-<kind's last segment>`, eu-west-1, no name, no tags) and every model field at its
 * neutral value (null, false, 0, "", [], or an enum's first value).
 * @throws AgpmError INPUT_INVALID for an unknown kind
 * @example baselineResource("aws.ebs.volume") // { kind: "aws.ebs.volume", id: "example-volume", …, encrypted: false, kmsKeyId: null, … }
 */
export function baselineResource(kind: string): Resource {
  const definition = findKind(kind);
  if (!definition) throw new AgpmError("INPUT_INVALID", `unknown resource kind ${kind}`, { details: { kind } });
  const model = neutral(definition.model) as Plain;
  const envelope = { kind, id: `example-${kind.split(".").pop() ?? "resource"}`, region: "eu-west-1", account: "123456789012", name: null, tags: {} };
  return modelSchema(definition).parse({ ...model, ...envelope }) as Resource;
}

/** Deep-merges plain objects; lists, scalars, null and `tags` replace. Collects keys the base lacks. */
function overlay(base: unknown, over: unknown, at: string, unknownKeys: string[]): unknown {
  if (!isPlain(over) || !isPlain(base) || at === "tags") return over;
  const out: Plain = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const path = at ? `${at}.${key}` : key;
    if (!Object.hasOwn(base, key)) unknownKeys.push(path);
    out[key] = overlay(base[key], value, path, unknownKeys);
  }
  return out;
}

/**
 * The baseline of `kind` with an overlay applied, checked against the kind's model.
 * @throws AgpmError INTERNAL when the overlay names a field the model lacks or gives one the wrong type
 */
export function overlayResource(kind: string, over: Plain, label = "overlay"): Resource {
  const unknownKeys: string[] = [];
  const merged = overlay(baselineResource(kind), over, "", unknownKeys);
  if (unknownKeys.length > 0) throw new AgpmError("INTERNAL", `${label} names fields ${kind} does not have: ${unknownKeys.join(", ")}`, { details: { kind, unknownKeys } });
  const definition = findKind(kind);
  const parsed = definition ? modelSchema(definition).safeParse(merged) : undefined;
  if (!parsed?.success) {
    const issue = parsed?.error.issues[0];
    throw new AgpmError("INTERNAL", `${label} is not a valid ${kind}: ${issue ? `${issue.path.join(".")}: ${issue.message}` : "unknown kind"}`, { details: { kind } });
  }
  return parsed.data as Resource;
}

export interface ExampleResources {
  compliant: Resource;
  noncompliant: Resource;
}

/** Whether the intent gave any of the params the control takes. */
function hasParams(control: ControlDefinition, params: ControlParams): boolean {
  return (control.takes ?? []).some((name) => params[name] !== undefined);
}

/**
 * A control's example overlays for these params, or null when it has none that hold for them:
 * static examples speak only for the default params.
 */
export function controlExamples(control: ControlDefinition, params: ControlParams = {}): ControlExamples<Plain> | null {
  const examples = control.examples;
  if (typeof examples === "function") return examples(params) as ControlExamples<Plain> | null;
  return hasParams(control, params) ? null : (examples as ControlExamples<Plain>);
}

/**
 * The control's compliant and noncompliant examples as full resources of `kind` (the control's
 * own kind; for `ANY_KIND` controls any kind, `DEFAULT_EXAMPLE_KIND` when not given): the rule
 * `control.build(params, kind)` passes the first and fails the second. Null when the control
 * has no examples that hold for these params.
 * @throws AgpmError INPUT_INVALID when `kind` is not the control's kind
 * @example
 * const examples = exampleResources(findControl("ec2.max-age")!, { days: 90 });
 * examples?.noncompliant.ageDays // 91
 */
export function exampleResources(control: ControlDefinition, params: ControlParams = {}, kind?: string): ExampleResources | null {
  const target = kind ?? (control.kind === ANY_KIND ? DEFAULT_EXAMPLE_KIND : control.kind);
  if (control.kind !== ANY_KIND && target !== control.kind) {
    throw new AgpmError("INPUT_INVALID", `control ${control.id} governs ${control.kind}, not ${target}`, { details: { control: control.id, kind: target } });
  }
  const examples = controlExamples(control, params);
  if (!examples) return null;
  return {
    compliant: overlayResource(target, examples.compliant, `${control.id} compliant example`),
    noncompliant: overlayResource(target, examples.noncompliant, `${control.id} noncompliant example`),
  };
}
