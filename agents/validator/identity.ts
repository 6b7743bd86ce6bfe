// Gives an approved draft its identity: a content-derived id for new policies, n+1 for updates.
import { createHash } from "node:crypto";
import { stableStringify } from "../../core/stable-json.js";
import type { Policy } from "../../policy/schema.js";
import type { Plan, PolicyDraft } from "../../graphs/state.js";

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
  const id = plan.existing && plan.operation === "update" ? plan.existing.id : policyIdFor(draft);
  const version = plan.existing && plan.operation === "update" ? plan.existing.version + 1 : 1;
  return { id, version, title: draft.title, intent, mode: draft.mode, scope: draft.scope, rules: draft.rules, exemptions: draft.exemptions ?? [], status: "active" };
}
