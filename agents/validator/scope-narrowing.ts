// A rule's `when` that selects resources by tag, name, id, region or account narrows the
// intent's scope behind its back: which resources a policy governs is the scope's job alone.
import type { Condition, Rule } from "../../contracts/policy.js";

const ENVELOPE = new Set(["tags", "name", "id", "region", "account"]);

/** The resource-level paths a condition reads (paths inside a quantifier belong to its entries). */
function paths(cond: Condition): string[] {
  if ("all" in cond) return cond.all.flatMap(paths);
  if ("any" in cond) return cond.any.flatMap(paths);
  if ("not" in cond) return paths(cond.not);
  return [cond.path];
}

/** Why the rule narrows the scope, or null. */
export function narrowsScope(rule: Rule): string | null {
  if (!rule.when) return null;
  const selecting = [...new Set(paths(rule.when).filter((p) => ENVELOPE.has(p.split(".")[0] ?? "")))];
  if (selecting.length === 0) return null;
  return `its "when" selects resources by ${selecting.join(", ")}, which narrows the intent's scope — the scope, not a rule, says which resources are governed`;
}
