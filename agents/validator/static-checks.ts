// Static validation of a draft: well-formed, every path and action exists for its kind, every
// rule means what it claims and its fix fixes it, and the draft says what the plan says (kinds
// covered, scope kept, updated rules retained, no exemption the intent did not ask for).
import { findKind, modelSchema, findAction } from "../../engine/registry.js";
import { compileRule } from "../../engine/evaluate.js";
import { findPathProblems } from "../../engine/check-paths.js";
import { exampleResources } from "../../engine/examples.js";
import { type ControlParams } from "../../engine/control.js";
import type { Condition, Exemption, Rule } from "../../contracts/policy.js";
import { errorMessage } from "../../core/errors.js";
import { stableStringify } from "../../core/stable-json.js";
import type { PolicyDraft } from "../../graphs/state.js";
import type { Plan } from "../../contracts/run.js";
import { checkFidelity, type Faithful } from "./fidelity.js";
import { proveRule } from "./proofs.js";
import { proveRemediation } from "./remediation-proof.js";
import { ruleTitleFromIr } from "./render.js";
import { narrowsScope } from "./scope-narrowing.js";

/** What the draft is checked against besides the plan: the stored policy it changes, and the intent's params. */
export interface CheckContext {
  /** The rules of the policy being updated or exempted, as stored (already proved). */
  retained: readonly Rule[];
  /** The exemptions that policy already has. */
  exemptions: readonly Exemption[];
  /** The control params the intent states (see `intentParams`). */
  stated: readonly ControlParams[];
}

export interface CheckResult {
  errors: string[];
  /** The draft's rules as they will be stored: faithful rules as their control builds them, titles rendered from the IR. */
  rules: Rule[];
}

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

/** The control's own non-compliant example, when it has one for these params: a resource the fix must fix. */
function controlExample(faithful: Faithful | null, kind: string) {
  const examples = faithful ? exampleResources(faithful.control, faithful.params, kind) : null;
  return examples ? [examples.noncompliant] : [];
}

/** A rule's proofs (meaning, fidelity, fix) and the form it is stored in. */
function proveDraftRule(rule: Rule, where: string, context: CheckContext): { errors: string[]; rule: Rule } {
  const ruleErrors = checkRule(rule, where);
  // Examples only make sense for a rule whose paths and operators are sound.
  if (ruleErrors.length > 0) return { errors: ruleErrors, rule };
  // A rule kept exactly as the stored policy has it was proved when it was stored.
  const stored = context.retained.find((r) => r.id === rule.id);
  if (stored && stableStringify(stored) === stableStringify(rule)) return { errors: [], rule };
  const fidelity = checkFidelity(rule, where, context.stated);
  const stated = fidelity.faithful?.rule ?? { ...rule, title: ruleTitleFromIr(rule) };
  const narrowing = fidelity.faithful ? null : narrowsScope(rule);
  const errors = [
    ...fidelity.errors,
    ...(narrowing ? [`${where}: ${narrowing}`] : []),
    ...proveRule(rule, where),
    ...proveRemediation(rule, where, controlExample(fidelity.faithful, rule.kind)),
  ];
  return { errors, rule: stated };
}

/** Every reason the draft cannot be approved (empty when it can), and its rules as they will be stored. */
export function staticChecks(draft: PolicyDraft, plan: Plan, context: CheckContext): CheckResult {
  const errors: string[] = [];
  const ids = new Set<string>();
  const rules: Rule[] = [];
  draft.rules.forEach((rule, i) => {
    const where = `rules[${i}] (${rule.id})`;
    if (ids.has(rule.id)) errors.push(`${where}: duplicate rule id`);
    ids.add(rule.id);
    const proved = proveDraftRule(rule, where, context);
    errors.push(...proved.errors);
    rules.push(proved.rule);
  });
  const retainedIds = context.retained.map((r) => r.id);
  const covered = new Set(draft.rules.map((r) => r.kind));
  for (const kind of plan.kinds) if (!covered.has(kind)) errors.push(`the intent is about ${findKind(kind)?.plural ?? kind}, but no rule governs them`);
  for (const rule of draft.rules) if (plan.kinds.length > 0 && !plan.kinds.includes(rule.kind) && !retainedIds.includes(rule.id)) errors.push(`rule ${rule.id} governs ${rule.kind}, which the intent does not mention`);
  if (stableStringify(draft.scope) !== stableStringify(plan.scope)) errors.push(`scope ${JSON.stringify(draft.scope)} differs from the intent's scope ${JSON.stringify(plan.scope)}`);
  for (const id of retainedIds) if (!ids.has(id)) errors.push(`update drops existing rule ${id}, which the intent does not ask to remove`);
  const allowed = new Set([...context.exemptions, ...(plan.exemption ? [plan.exemption] : [])].map(stableStringify));
  for (const exemption of draft.exemptions ?? []) {
    for (const id of exemption.rules) if (!ids.has(id)) errors.push(`exemption ${exemption.id} names rule ${id}, which the policy does not have`);
    // Exempting resources narrows the policy: only the intent (or the stored policy) may do it.
    if (!allowed.has(stableStringify(exemption))) errors.push(`exemption ${exemption.id} is not one the intent asks for or the policy already has: a draft cannot exempt resources on its own`);
  }
  if (plan.operation === "check-only" && draft.mode !== "audit") errors.push("a check-only intent must produce an audit-mode policy");
  return { errors, rules };
}
