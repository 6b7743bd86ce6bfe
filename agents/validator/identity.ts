// Gives an approved draft its identity: a content-derived id for new policies, n+1 for updates.
import { createHash } from "node:crypto";
import { stableStringify } from "../../core/stable-json.js";
import type { Policy } from "../../contracts/policy.js";
import { samePolicyContent } from "../../engine/version.js";
import type { PolicyDraft } from "../../graphs/state.js";
import type { Plan } from "../../contracts/run.js";

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60).replace(/-+$/, "");
}

/** Same rules, scope and mode → same id, so repeating an intent finds its policy again. */
export function policyIdFor(draft: PolicyDraft): string {
  const hash = createHash("sha256").update(stableStringify({ rules: draft.rules, scope: draft.scope, mode: draft.mode })).digest("hex").slice(0, 8);
  const base = slug([...new Set(draft.rules.map((r) => r.id))].join("-")) || "policy";
  return `${base}-${hash}`;
}

export function identify(draft: PolicyDraft, plan: Plan, intent: string): Policy {
  const changesExisting = plan.existing !== null && (plan.operation === "update" || plan.operation === "exempt");
  const id = changesExisting && plan.existing ? plan.existing.id : policyIdFor(draft);
  const version = changesExisting && plan.existing ? plan.existing.version + 1 : 1;
  return {
    id, version, title: draft.title, intent, mode: draft.mode, scope: draft.scope, rules: draft.rules, exemptions: draft.exemptions ?? [],
    ...(plan.schedule ? { schedule: plan.schedule } : {}),
    status: "active",
  };
}

/**
 * Resolves a candidate against the stored policy with the same id: an unchanged active policy is
 * reused as stored (re-stating a policy keeps its exemptions); anything else becomes version n+1.
 */
export function resolveAgainstStored(candidate: Policy, stored: Policy | null, operation: Plan["operation"]): Policy {
  if (!stored) return candidate;
  // Saying a policy again, or changing it, without naming a schedule keeps the one it has.
  const scheduled = candidate.schedule === undefined && stored.schedule !== undefined ? { ...candidate, schedule: stored.schedule } : candidate;
  const restated = operation === "create" ? { ...scheduled, exemptions: stored.exemptions } : scheduled;
  if (stored.status === "active" && samePolicyContent(stored, restated)) return stored;
  return { ...restated, version: stored.version + 1 };
}
