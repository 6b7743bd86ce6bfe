// PRE-OPTIMISATION ORACLE (issue 11): engine/exemptions.ts as it was before evaluatePolicy was made fast, kept verbatim
// (only import paths changed) so test/engine/evaluate-oracle.test.ts can check that the fast path gives the same
// findings, summaries, reasons, evidence and order. Do not edit or "fix" it: it is what the fast path must match.
// Exemptions: documented, expiring exceptions that turn a rule's verdict on a resource into `skip`.
import type { Resource } from "../../contracts/resource.js";
import type { Exemption } from "../../contracts/policy.js";
import { globToRegExp } from "../../engine/scope.js";

export interface CompiledExemption {
  exemption: Exemption;
  /** The exemption covers this rule on this resource (and has not expired). */
  covers(ruleId: string, resource: Resource): boolean;
}

/** True while `now` is on or before the exemption's last day (UTC). */
export function isActive(exemption: Exemption, now: Date): boolean {
  if (exemption.expires === null) return true;
  return now.getTime() < Date.parse(`${exemption.expires}T00:00:00Z`) + 24 * 3600 * 1000;
}

export function compileExemptions(exemptions: readonly Exemption[], now: Date): CompiledExemption[] {
  return exemptions
    .filter((e) => isActive(e, now))
    .map((exemption) => {
      const names = exemption.names.map(globToRegExp);
      const tags = Object.entries(exemption.tags);
      return {
        exemption,
        covers(ruleId, resource) {
          if (exemption.rules.length > 0 && !exemption.rules.includes(ruleId)) return false;
          const named = names.length === 0 || names.some((re) => re.test(resource.id) || (resource.name !== null && re.test(resource.name)));
          const tagged = tags.every(([k, v]) => resource.tags[k] !== undefined && (v === null || resource.tags[k] === v));
          return named && tagged;
        },
      };
    });
}

export function exemptionReason(e: Exemption): string {
  return `exempt: ${e.reason} (${e.expires ? `until ${e.expires}` : "no expiry"}, owner ${e.owner})`;
}
