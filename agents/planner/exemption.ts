// Turns an "exempt …" intent into an exemption on the stored policy it names.
import type { Exemption, Policy } from "../../contracts/policy.js";
import type { ExemptionEntity } from "../../language/entities.js";

export type ExemptionPlan = { exemption: Exemption; notes: string[] } | { problem: string };

export function planExemption(entity: ExemptionEntity, policy: Policy, controls: readonly string[], actor: string, today: string): ExemptionPlan {
  if (entity.names.length === 0 && Object.keys(entity.tags).length === 0) {
    return { problem: 'Say which resources are exempt, e.g. "exempt bucket web-assets from …" or "exempt buckets tagged team=web from …".' };
  }
  if (!entity.reason) return { problem: 'An exemption needs a reason: add ", reason: <why>" to the intent.' };
  if (entity.until !== null && entity.until < today) return { problem: `The exemption would already have expired (${entity.until}).` };
  const named = policy.rules.filter((r) => r.control !== undefined && controls.includes(r.control)).map((r) => r.id);
  const notes: string[] = [];
  if (named.length === 0) notes.push(`The intent names no rule of policy ${policy.id}; the exemption covers all of its rules.`);
  if (entity.until === null) notes.push("The exemption has no expiry: it applies until it is removed (add \"until YYYY-MM-DD\" to bound it).");
  const exemption: Exemption = {
    id: `ex-${policy.exemptions.length + 1}`,
    rules: named,
    names: entity.names,
    tags: entity.tags,
    reason: entity.reason,
    owner: entity.owner ?? actor,
    expires: entity.until,
  };
  notes.push(`Exempts ${[...entity.names, ...Object.entries(entity.tags).map(([k, v]) => (v === null ? `tag ${k}` : `${k}=${v}`))].join(", ")} from ${named.length > 0 ? named.join(", ") : "every rule"} (${entity.until ? `until ${entity.until}` : "no expiry"}, reason: ${entity.reason}, owner: ${exemption.owner}); reported as skip, never pass.`);
  return { exemption, notes };
}
