// Proof that a rule's fix fixes it: the action's planned after-state, applied to resources that
// fail the rule, must make them pass. An inverted rule behind a good title fails here.
import { compileRule, evaluate } from "../../engine/evaluate.js";
import type { Resource } from "../../contracts/resource.js";
import type { Rule } from "../../contracts/policy.js";
import { witnesses } from "../../engine/witness.js";
import { findAction } from "../../engine/registry.js";
import { afterState, consistent } from "./after-state.js";
import { wholeResources } from "./fit.js";
import { exampleResource } from "./proofs.js";

const REF = { id: "remediation-proof", version: 1 };

/**
 * Whole, self-consistent resources of the rule's kind that it applies to and fails: its
 * synthesised non-compliant examples, plus any given (a control's own non-compliant example).
 */
export function failingExamples(rule: Rule, given: readonly Resource[] = []): Resource[] {
  const applies = rule.when ? witnesses(rule.when).satisfying : new Map<string, unknown>();
  const { violating } = witnesses(rule.require);
  const synthesised = applies && violating ? wholeResources(rule.kind, exampleResource(rule.kind, applies, violating)) : [];
  const compiled = compileRule(rule);
  return [...synthesised, ...given].map(consistent).filter((r) => evaluate(compiled, r, REF).status === "fail");
}

/** The fields a resource holds where the plan acts, for the reason given. */
function shown(resource: Resource, after: unknown): string {
  if (typeof after !== "object" || after === null) return "";
  const fields = Object.keys(after).filter((k) => k in resource).map((k) => `${k} ${JSON.stringify((resource as Record<string, unknown>)[k])}`);
  return fields.length > 0 ? ` (${fields.join(", ")})` : "";
}

/**
 * Why the rule's automatic remediation cannot be trusted to fix it, or an empty list. Manual
 * fixes change nothing and are exempt.
 */
export function proveRemediation(rule: Rule, where: string, given: readonly Resource[] = []): string[] {
  const action = rule.remediation ? findAction(rule.remediation.action) : undefined;
  if (!rule.remediation || !action || action.manual) return [];
  const params = action.params.safeParse(rule.remediation.params);
  if (!params.success) return [];
  const examples = failingExamples(rule, given);
  if (examples.length === 0) return [`${where}: no resource that fails the rule could be built to prove that ${action.name} fixes it`];
  const compiled = compileRule(rule);
  // An action may rightly leave some failing resources alone (it never re-points existing logs):
  // no change is no harm. Every change it does plan must make the rule pass, and it must plan one.
  let planned = 0;
  for (const example of examples) {
    const plan = action.plan(example, params.data as never);
    if (!plan) continue;
    planned++;
    const fixed = evaluate(compiled, afterState(example, plan), REF);
    if (fixed.status !== "pass") {
      return [`${where}: ${action.name} does not make it pass: a resource that fails the rule${shown(example, plan.after)} still ${fixed.status === "fail" ? "fails" : `gives ${fixed.status}`} after the planned change to ${JSON.stringify(plan.after)} — the rule is inverted or the fix is for another requirement`];
    }
  }
  if (planned === 0) return [`${where}: ${action.name} does not make it pass: it plans no change on any resource that fails the rule — the rule asks for something the action does not do`];
  return [];
}
