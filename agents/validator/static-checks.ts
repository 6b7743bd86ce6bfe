// Static validation of a draft: well-formed, every path and action exists for its kind, and
// the draft says what the plan says (kinds covered, scope kept, updated rules retained).
import { findKind, modelSchema } from "../../policy/kinds/index.js";
import { compileRule } from "../../policy/evaluate.js";
import { findPathProblems } from "../../policy/check-paths.js";
import type { Condition, Rule } from "../../policy/schema.js";
import { errorMessage } from "../../core/errors.js";
import { stableStringify } from "../../core/stable-json.js";
import { findAction } from "../../tools/aws/registry.js";
import type { Plan, PolicyDraft } from "../../graphs/state.js";
import { proveRule } from "./proofs.js";

function checkRule(rule: Rule, where: string): string[] {
  const kind = findKind(rule.kind);
  if (!kind) return [`${where}: unknown resource kind "${rule.kind}"`];
  const errors: string[] = [];
  const schema = modelSchema(kind);
  const conditions: Array<[string, Condition | undefined]> = [["require", rule.require], ["when", rule.when]];
  for (const [part, condition] of conditions) {
    if (!condition) continue;
    for (const problem of findPathProblems(condition, schema, part)) errors.push(`${where}.${problem.conditionPath}: ${kind.noun}: ${problem.message}`);
  }
  try {
    compileRule(rule);
  } catch (error) {
    errors.push(`${where}: ${errorMessage(error)}`);
  }
  if (rule.remediation) {
    const action = findAction(rule.remediation.action);
    if (!action) errors.push(`${where}: unknown remediation action "${rule.remediation.action}"`);
    else if (action.kind !== rule.kind && action.kind !== "*") errors.push(`${where}: action ${action.name} remediates ${action.kind}, not ${rule.kind}`);
    else {
      const params = action.params.safeParse(rule.remediation.params);
      if (!params.success) errors.push(`${where}: invalid parameters for ${action.name}: ${params.error.issues.map((i) => `${i.path.join(".") || "params"} ${i.message}`).join("; ")}`);
    }
  }
  return errors;
}

/** Every reason the draft cannot be approved; empty when it can. */
export function staticChecks(draft: PolicyDraft, plan: Plan, retainedRuleIds: readonly string[]): string[] {
  const errors: string[] = [];
  const ids = new Set<string>();
  draft.rules.forEach((rule, i) => {
    const where = `rules[${i}] (${rule.id})`;
    if (ids.has(rule.id)) errors.push(`${where}: duplicate rule id`);
    ids.add(rule.id);
    const ruleErrors = checkRule(rule, where);
    // Examples only make sense for a rule whose paths and operators are sound.
    errors.push(...(ruleErrors.length > 0 ? ruleErrors : proveRule(rule, where)));
  });
  const covered = new Set(draft.rules.map((r) => r.kind));
  for (const kind of plan.kinds) if (!covered.has(kind)) errors.push(`the intent is about ${findKind(kind)?.plural ?? kind}, but no rule governs them`);
  for (const rule of draft.rules) if (plan.kinds.length > 0 && !plan.kinds.includes(rule.kind) && !retainedRuleIds.includes(rule.id)) errors.push(`rule ${rule.id} governs ${rule.kind}, which the intent does not mention`);
  if (stableStringify(draft.scope) !== stableStringify(plan.scope)) errors.push(`scope ${JSON.stringify(draft.scope)} differs from the intent's scope ${JSON.stringify(plan.scope)}`);
  for (const id of retainedRuleIds) if (!ids.has(id)) errors.push(`update drops existing rule ${id}, which the intent does not ask to remove`);
  for (const exemption of draft.exemptions ?? []) {
    for (const id of exemption.rules) if (!ids.has(id)) errors.push(`exemption ${exemption.id} names rule ${id}, which the policy does not have`);
  }
  if (plan.operation === "check-only" && draft.mode !== "audit") errors.push("a check-only intent must produce an audit-mode policy");
  return errors;
}
