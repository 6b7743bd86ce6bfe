// Control fidelity: a rule that claims a catalogue control (by `control`, by its id, or by citing
// the control's benchmark ids) must be that control's own rule for the intent's params, so a
// draft cannot borrow a control's name, severity or benchmarks for a rule that means otherwise.
import { stableStringify } from "../../core/stable-json.js";
import { paramsFor, recognisedParams } from "../../language/params.js";
import type { Entities } from "../../language/context.js";
import { parseIntent } from "../../language/parse.js";
import { ANY_KIND, type ControlDefinition, type ControlParams } from "../../engine/control.js";
import { CONTROLS, findControl, findAction } from "../../engine/registry.js";
import { instantiateControl, ruleIdFor } from "../../engine/instantiate.js";
import type { Condition, RemediationRef, Rule } from "../../contracts/policy.js";

/** What a rule is, once proved faithful: the control's own rule (its title included) under the draft's id. */
export interface Faithful {
  rule: Rule;
  control: ControlDefinition;
  params: ControlParams;
}

export type FidelityResult = { errors: string[]; faithful: Faithful | null };

/** The params an intent states, as the offline parser reads them (chosen controls' first, then every recognised one). */
export function intentParams(intent: string): ControlParams[] {
  const parsed = parseIntent(intent);
  const named = parsed.entities.namedPorts.map((p) => p.port);
  return [parsed.params, recognisedParams(parsed.entities as Entities, named)];
}

/** The controls a rule claims to instantiate; empty for a rule of its own. */
export function claimedControls(rule: Rule): ControlDefinition[] {
  if (rule.control) {
    const control = findControl(rule.control);
    return control ? [control] : [];
  }
  const byId = CONTROLS.filter((c) => (c.kind === rule.kind || c.kind === ANY_KIND) && ruleIdFor(c, rule.kind) === rule.id);
  if (byId.length > 0) return byId;
  return CONTROLS.filter((c) => (c.kind === rule.kind || c.kind === ANY_KIND) && c.benchmarks.some((b) => rule.controls.includes(b)));
}

/** Conditions compared by meaning, not by spelling: single-child and nested all/any flattened, children sorted, double negation dropped. */
export function normaliseCondition(cond: Condition): Condition {
  if ("not" in cond) {
    const inner = normaliseCondition(cond.not);
    return "not" in inner ? inner.not : { not: inner };
  }
  for (const key of ["all", "any"] as const) {
    if (!(key in cond)) continue;
    const children = (cond as Record<typeof key, Condition[]>)[key].map(normaliseCondition).flatMap((c) => (key in c ? (c as Record<typeof key, Condition[]>)[key] : [c]));
    const unique = [...new Map(children.map((c) => [stableStringify(c), c])).entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, c]) => c);
    return unique.length === 1 ? (unique[0] as Condition) : ({ [key]: unique } as Condition);
  }
  if ("every" in cond) return { path: cond.path, every: normaliseCondition(cond.every) };
  if ("some" in cond) return { path: cond.path, some: normaliseCondition(cond.some) };
  if ("none" in cond) return { path: cond.path, none: normaliseCondition(cond.none) };
  return cond;
}

function normaliseRemediation(ref: RemediationRef | undefined): unknown {
  if (!ref) return null;
  const parsed = findAction(ref.action)?.params.safeParse(ref.params);
  return { action: ref.action, params: parsed?.success ? parsed.data : ref.params };
}

const text = (value: unknown) => (value === undefined || value === null ? "none" : JSON.stringify(value));

/** How `rule` differs from `expected`, one phrase per part; empty when it means the same. */
function differences(rule: Rule, expected: Rule): string[] {
  const diffs: string[] = [];
  const same = (a: unknown, b: unknown) => stableStringify(a ?? null) === stableStringify(b ?? null);
  if (rule.kind !== expected.kind) diffs.push(`it governs ${rule.kind}, the control governs ${expected.kind}`);
  if (rule.severity !== expected.severity) diffs.push(`severity is ${rule.severity}, the control's is ${expected.severity}`);
  const norm = (c: Condition | undefined) => (c ? normaliseCondition(c) : undefined);
  if (!same(norm(rule.require), norm(expected.require))) diffs.push(`require is ${text(rule.require)}, the control's is ${text(expected.require)}`);
  if (!same(norm(rule.when), norm(expected.when))) diffs.push(`when is ${text(rule.when)}, the control's is ${text(expected.when)}`);
  if (!same(normaliseRemediation(rule.remediation), normaliseRemediation(expected.remediation))) diffs.push(`remediation is ${text(rule.remediation)}, the control's is ${text(expected.remediation)}`);
  const foreign = rule.controls.filter((b) => !expected.controls.includes(b));
  if (foreign.length > 0) diffs.push(`it cites ${foreign.join(", ")}, which the control does not map to`);
  return diffs;
}

/** The distinct param sets to try for a control: the intent's, then the control's defaults. */
function candidateParams(control: ControlDefinition, stated: readonly ControlParams[]): ControlParams[] {
  const all = [...stated.map((p) => paramsFor(control, p)), {}];
  return [...new Map(all.map((p) => [stableStringify(p), p])).values()];
}

/** Proves a rule means what the control it claims means; a rule that claims none has nothing to prove here. */
export function checkFidelity(rule: Rule, where: string, stated: readonly ControlParams[]): FidelityResult {
  if (rule.control && !findControl(rule.control)) return { errors: [`${where}: names control "${rule.control}", which is not in the catalogue`], faithful: null };
  const claimed = claimedControls(rule);
  if (claimed.length === 0) return { errors: [], faithful: null };
  let closest: { control: ControlDefinition; diffs: string[] } | null = null;
  for (const control of claimed) {
    if (control.kind !== ANY_KIND && control.kind !== rule.kind) {
      closest ??= { control, diffs: [`it governs ${rule.kind}, the control governs ${control.kind}`] };
      continue;
    }
    for (const params of candidateParams(control, stated)) {
      const [expected] = instantiateControl(control, params, [rule.kind]);
      if (!expected) continue;
      const diffs = differences(rule, expected);
      if (diffs.length === 0) return { errors: [], faithful: { rule: { ...expected, id: rule.id }, control, params } };
      closest ??= { control, diffs };
    }
  }
  const why = closest ? `${closest.control.id}: ${closest.diffs.join("; ")}` : "a control of another kind";
  return { errors: [`${where}: claims catalogue control ${why} — a rule that claims a control must mean what the control means`], faithful: null };
}
