// Controls that imply others: "encrypted with KMS" already says "encrypted". Decided on the
// catalogue's own examples, so no list of pairs is kept here: A implies B when A's compliant
// overlay, laid over B's noncompliant example, fixes B — and B's noncompliant overlay, laid
// over A's compliant example, breaks A. The parser uses it to read words two controls share
// equally ("encrypted") as the broader of the two.
import { controlExamples, overlayResource } from "../engine/examples.js";
import { type ControlDefinition, type ControlParams } from "../engine/control.js";
import { compileTest } from "../engine/compile.js";
import type { Resource } from "../contracts/resource.js";
import { paramsFor } from "./params.js";

type Plain = Record<string, unknown>;
const cache = new Map<string, boolean>();

function isPlain(value: unknown): value is Plain {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Overlays compose like the catalogue's: objects merge, lists and scalars replace. */
function merge(base: Plain, over: Plain): Plain {
  const out: Plain = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const prev = out[key];
    out[key] = isPlain(prev) && isPlain(value) && key !== "tags" ? merge(prev, value) : value;
  }
  return out;
}

/** pass / fail of the control's rule on a resource; a rule whose `when` is false passes. */
function passes(control: ControlDefinition, params: ControlParams, resource: Resource): boolean {
  const rule = control.build(paramsFor(control, params), control.kind);
  if (rule.when && !compileTest(rule.when)(resource)) return true;
  return compileTest(rule.require)(resource);
}

/**
 * A's requirement implies B's (on the examples). A rule that applies only where its `when`
 * holds implies nothing about the resources outside it.
 */
export function implies(a: ControlDefinition, b: ControlDefinition, params: ControlParams = {}): boolean {
  if (a.kind !== b.kind || a === b) return false;
  const key = `${a.id}>${b.id}:${JSON.stringify(paramsFor(a, params))}:${JSON.stringify(paramsFor(b, params))}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  let result = false;
  try {
    const ea = controlExamples(a, paramsFor(a, params));
    const eb = controlExamples(b, paramsFor(b, params));
    const whenA = a.build(paramsFor(a, params), a.kind).when;
    const whenB = b.build(paramsFor(b, params), b.kind).when;
    if (ea && eb && JSON.stringify(whenA) === JSON.stringify(whenB)) {
      const fixed = overlayResource(a.kind, merge(eb.noncompliant as Plain, ea.compliant as Plain));
      const broken = overlayResource(a.kind, merge(ea.compliant as Plain, eb.noncompliant as Plain));
      result = passes(b, params, fixed) && !passes(a, params, broken);
    }
  } catch {
    result = false;
  }
  cache.set(key, result);
  return result;
}

