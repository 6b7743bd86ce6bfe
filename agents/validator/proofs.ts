// Proof before power: every rule is evaluated on a synthesised compliant and non-compliant
// resource (catching inverted and vacuous rules), and checked for weakening security.
import { compileRule, evaluate } from "../../engine/evaluate.js";
import type { Resource } from "../../contracts/resource.js";
import { weakening } from "../../engine/safety.js";
import type { Rule } from "../../contracts/policy.js";
import { materialise, witnesses, type Patch } from "../../engine/witness.js";

const REF = { id: "proof", version: 1 };

/** A minimal resource of the kind with the patches applied in order. */
export function exampleResource(kind: string, ...patches: Patch[]): Resource {
  let fields: Record<string, unknown> = { kind, id: "example", region: "us-east-1", account: "000000000000", name: null, tags: {} };
  for (const patch of patches) fields = materialise(patch, fields);
  return fields as Resource;
}

/** Both synthesised examples of a rule (applicability from `when` included), or null. */
export function ruleExamples(rule: Rule): { compliant: Resource; noncompliant: Resource } | null {
  const applies = rule.when ? witnesses(rule.when).satisfying : new Map<string, unknown>();
  const { satisfying, violating } = witnesses(rule.require);
  if (!applies || !satisfying || !violating) return null;
  return { compliant: exampleResource(rule.kind, applies, satisfying), noncompliant: exampleResource(rule.kind, applies, violating) };
}

/** Why the rule cannot be trusted, or an empty list. */
export function proveRule(rule: Rule, where: string): string[] {
  const errors: string[] = [];
  const harm = weakening(rule.kind, rule.require);
  if (harm) errors.push(`${where}: weakens security — it ${harm}; agpm only enforces secure requirements`);
  const examples = ruleExamples(rule);
  if (!examples) return errors;
  const compiled = compileRule(rule);
  const good = evaluate(compiled, examples.compliant, REF);
  const bad = evaluate(compiled, examples.noncompliant, REF);
  if (good.status !== "pass") errors.push(`${where}: a resource that meets the requirement does not pass (${good.status}: ${good.reason}) — the rule is inverted or can never pass`);
  if (bad.status !== "fail") errors.push(`${where}: a resource that breaks the requirement does not fail (${bad.status}) — the rule is vacuous`);
  return errors;
}
