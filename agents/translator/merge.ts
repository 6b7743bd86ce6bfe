// An update's draft is the stored policy with the intent's rules added or replaced.
import type { Policy } from "../../contracts/policy.js";
import type { PolicyDraft } from "../../graphs/state.js";
import { titleFor } from "./offline.js";
import { describeScope } from "../planner/scope.js";

export function mergeIntoExisting(existing: Policy, fragment: PolicyDraft): PolicyDraft {
  const incoming = new Map(fragment.rules.map((r) => [r.id, r]));
  const kept = existing.rules.map((r) => incoming.get(r.id) ?? r);
  const added = fragment.rules.filter((r) => !existing.rules.some((e) => e.id === r.id));
  const rules = [...kept, ...added];
  // "enforce" in an update upgrades an audit policy; an audit fragment never downgrades.
  const mode = existing.mode === "enforce" || fragment.mode === "enforce" ? "enforce" : "audit";
  // Exemptions stay with the policy across updates; a fragment may add new ones.
  const exemptions = [...existing.exemptions, ...(fragment.exemptions ?? [])];
  return { title: titleFor(rules, describeScope(fragment.scope)), mode, scope: fragment.scope, rules, exemptions };
}
