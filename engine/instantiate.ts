// Controls become rules: one rule for a kind's control, one per named kind for an any-kind control.
import { AgpmError } from "../core/errors.js";
import { findKind } from "./registry.js";
import type { Rule } from "../contracts/policy.js";
import { ANY_KIND } from "./control.js";
import type { ControlDefinition, ControlParams } from "./control.js";

/**
 * The rule id a control gets for a kind: the control id itself, or for an `ANY_KIND` control
 * `<control id>.<kind without "aws." and with dots as "-">`, so one policy can hold its rule for
 * several kinds.
 * @example ruleIdFor(tagsRequired, "aws.s3.bucket") // "tags.required.s3-bucket"
 */
export function ruleIdFor(control: Pick<ControlDefinition, "id" | "kind">, kind: string): string {
  if (control.kind !== ANY_KIND) return control.id;
  return `${control.id}.${kind.replace(/^aws\./, "").replaceAll(".", "-")}`;
}

function ruleFor(control: ControlDefinition, params: ControlParams, kind: string): Rule {
  const built = control.build(params, kind);
  return {
    id: ruleIdFor(control, kind),
    title: built.title,
    severity: control.severity,
    kind,
    control: control.id,
    ...(built.when ? { when: built.when } : {}),
    require: built.require,
    ...(built.remediation ? { remediation: built.remediation } : {}),
    controls: [...control.benchmarks],
  };
}

/**
 * The rules a control contributes to a policy. A kind's control makes one rule (the named
 * kinds are ignored); an `ANY_KIND` control makes one rule per kind the intent names — the
 * offline translator should call it with the intent's mentioned kinds.
 * @throws AgpmError INTENT_UNTRANSLATABLE when an any-kind control is given no kind, or an unknown one
 * @example instantiateControl(tagsRequired, { tags: { owner: null } }, ["aws.s3.bucket", "aws.ebs.volume"]).map((r) => r.id)
 * // ["tags.required.s3-bucket", "tags.required.ebs-volume"]
 */
export function instantiateControl(control: ControlDefinition, params: ControlParams, kinds: readonly string[] = []): Rule[] {
  if (control.kind !== ANY_KIND) return [ruleFor(control, params, control.kind)];
  if (kinds.length === 0) {
    throw new AgpmError("INTENT_UNTRANSLATABLE", `${control.title} applies to the resource kinds the intent names, and it names none`, { details: { control: control.id } });
  }
  const unknown = kinds.filter((k) => !findKind(k));
  if (unknown.length > 0) throw new AgpmError("INTENT_UNTRANSLATABLE", `unknown resource kind ${unknown.join(", ")}`, { details: { control: control.id, kinds: unknown } });
  return [...new Set(kinds)].map((kind) => ruleFor(control, params, kind));
}
