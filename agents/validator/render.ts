// Titles rendered from the IR, never taken from a translator's prose: a control's rule carries
// the control's own title, a rule of its own says what its condition requires.
import { explainCondition, explainConditionOfIt } from "../../engine/explain.js";
import { findKind } from "../../engine/registry.js";
import type { Rule } from "../../contracts/policy.js";
import type { PolicyDraft } from "../../graphs/state.js";
import { titleFor } from "../translator/offline.js";
import { describeScope } from "../planner/scope.js";

/** "S3 bucket must have versioning.status equal to \"Enabled\"" — what a rule of its own requires. */
export function ruleTitleFromIr(rule: Rule): string {
  const noun = findKind(rule.kind)?.noun ?? rule.kind;
  const when = rule.when ? ` when it ${explainConditionOfIt(rule.when)}` : "";
  return `${noun.charAt(0).toUpperCase()}${noun.slice(1)} must ${explainCondition(rule.require)}${when}`;
}

/** The draft with its policy title rendered from its (already rendered) rules and scope. */
export function withRenderedTitle(draft: PolicyDraft, rules: Rule[]): PolicyDraft {
  return { ...draft, rules, title: titleFor(rules, describeScope(draft.scope)) };
}
