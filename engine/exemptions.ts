// Exemptions: documented, expiring exceptions that turn a rule's verdict on a resource into `skip`.
import type { Resource } from "../contracts/resource.js";
import type { Exemption } from "../contracts/policy.js";
import { globToRegExp } from "./scope.js";

export interface CompiledExemption {
  exemption: Exemption;
  /** The exemption covers this rule on this resource (and has not expired). */
  covers(ruleId: string, resource: Resource): boolean;
  /** The halves of `covers`, so evaluation matches names and tags once per resource, not once per rule. */
  coversResource(resource: Resource): boolean;
  coversRule(ruleId: string): boolean;
  /** {@link exemptionReason}, built once. */
  reason: string;
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
      const coversRule = (ruleId: string): boolean => exemption.rules.length === 0 || exemption.rules.includes(ruleId);
      const coversResource = (resource: Resource): boolean => {
        const named = names.length === 0 || names.some((re) => re.test(resource.id) || (resource.name !== null && re.test(resource.name)));
        const tagged = tags.every(([k, v]) => resource.tags[k] !== undefined && (v === null || resource.tags[k] === v));
        return named && tagged;
      };
      return {
        exemption,
        covers: (ruleId, resource) => coversRule(ruleId) && coversResource(resource),
        coversResource,
        coversRule,
        reason: exemptionReason(exemption),
      };
    });
}

export function exemptionReason(e: Exemption): string {
  return `exempt: ${e.reason} (${e.expires ? `until ${e.expires}` : "no expiry"}, owner ${e.owner})`;
}
