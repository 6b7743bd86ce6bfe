// The offline translator: the semantic parser's chosen controls become rules. Deterministic,
// no network; it refuses (with the closest supported controls) rather than guess.
import { AgpmError } from "../../core/errors.js";
import { ANY_KIND } from "../../engine/control.js";
import { findControl, findKind } from "../../engine/registry.js";
import type { Rule } from "../../contracts/policy.js";
import type { PolicyDraft } from "../../graphs/state.js";
import { lexiconOf } from "../../language/lexicon.js";
import { outsideCatalogue } from "../../language/out-of-scope.js";
import { paramsFor } from "../../language/params.js";
import { parseIntent, type ParsedIntent } from "../../language/parse.js";
import { describeScope } from "../planner/scope.js";
import { suggestControls } from "./suggest.js";
import type { TranslationInput, TranslationOutput, Translator } from "./translator.js";

/** Below this share of understood words the offline translator refuses. */
export const MIN_CONFIDENCE = 0.5;

const NOTES: Readonly<Record<string, string>> = {
  "s3.bucket-not-public":
    '"Private" means not publicly accessible as AWS decides it: Block Public Access (bucket and account level), ACL grants and the bucket policy, together.',
  "ec2.in-autoscaling-group": '"Autoscaling enabled" means the instance is listed by an Auto Scaling group.',
  "efs.encrypted": "EFS encryption at rest is fixed at creation: failing file systems are reported for manual replacement, never changed in place.",
  "ebs.volume-encrypted": "EBS volume encryption is fixed at creation: failing volumes are reported for manual replacement.",
};

function refuse(intent: string, parsed: ParsedIntent, why: string): never {
  const suggestions = suggestControls(intent);
  const list = suggestions.map((s) => `  - ${s.title}  (e.g. "${s.example}")`).join("\n");
  throw new AgpmError("INTENT_UNTRANSLATABLE", `${why}\nClosest supported controls:\n${list}`, {
    details: { unrecognised: parsed.unrecognised, outOfScope: parsed.outOfScope, confidence: parsed.confidence, suggestions },
  });
}

/** One rule per chosen control (per named kind for any-kind controls), built with the params it takes. */
export function buildRules(parsed: ParsedIntent): Rule[] {
  return parsed.controls.map((match) => {
    const control = findControl(match.control);
    if (!control) throw new AgpmError("INTERNAL", `control ${match.control} vanished from the catalogue`);
    const built = control.build(paramsFor(control, parsed.params), match.kind);
    return {
      id: match.ruleId,
      title: built.title,
      severity: control.severity,
      kind: match.kind,
      control: control.id,
      ...(built.when ? { when: built.when } : {}),
      require: built.require,
      ...(built.remediation ? { remediation: built.remediation } : {}),
      controls: [...control.benchmarks],
    };
  });
}

/** Sentences stating how the intent was read: defaults taken, ranges widened, choices made. */
function interpretationNotes(parsed: ParsedIntent, rules: readonly Rule[]): string[] {
  const notes = [...parsed.notes];
  for (const rule of rules) {
    const note = NOTES[rule.control ?? ""];
    if (note) notes.push(note);
  }
  const ranges = parsed.entities.portRanges;
  if (ranges.length > 0 && parsed.params.ports) {
    notes.push(`Port range${ranges.length > 1 ? "s" : ""} ${ranges.map((r) => `${r.from}-${r.to}`).join(", ")} checked port by port (${parsed.params.ports.length} ports).`);
  }
  if (parsed.entities.excludeRegions.length > 0) notes.push(`Region exclusions (${parsed.entities.excludeRegions.join(", ")}) are not supported; they were ignored.`);
  const taken = new Set(parsed.controls.flatMap((m) => findControl(m.control)?.takes ?? []));
  // A domain's own values (KMS key, target bucket…) are in `values`, found by the recognisers it declares.
  const found: Readonly<Record<string, unknown>> = { ...parsed.entities.values, ...parsed.entities };
  const unused = (["days", "count", "prefixLength", "targetBucket", "kmsKeyId", "namePattern", "tagValues", "bpaFlags"] as const).filter((k) => found[k] !== undefined && !taken.has(k));
  if (unused.length > 0) notes.push(`Recognised but not used by the chosen controls: ${unused.join(", ")}.`);
  if (parsed.unrecognised.length > 0) notes.push(`Ignored words: ${parsed.unrecognised.join(", ")}.`);
  return [...new Set(notes)];
}

/** "S3 buckets are not publicly accessible and have default encryption (in eu-west-1)" */
export function titleFor(rules: readonly Rule[], scopeText: string): string {
  const byKind = new Map<string, string[]>();
  for (const rule of rules) {
    const control = rule.control ? findControl(rule.control) : undefined;
    const title = control && control.kind !== ANY_KIND ? control.title : rule.title;
    byKind.set(rule.kind, [...(byKind.get(rule.kind) ?? []), title]);
  }
  const parts = [...byKind.entries()].map(([kind, titles]) => {
    const subject = findKind(kind)?.plural ?? kind;
    const sharesSubject = titles.every((t) => t.toLowerCase().startsWith(`${subject.toLowerCase()} `));
    if (!sharesSubject || titles.length === 1) return titles.join("; ");
    const predicates = titles.map((t) => t.slice(subject.length + 1));
    return `${subject} ${predicates.slice(0, -1).join(", ")} and ${predicates[predicates.length - 1]}`;
  });
  const lead = parts.join("; ");
  return scopeText === "everywhere" ? lead : `${lead} (${scopeText})`;
}

export function createOfflineTranslator(): Translator {
  return {
    name: "offline",
    async translate({ intent, plan }: TranslationInput): Promise<TranslationOutput> {
      const parsed = parseIntent(intent);
      if (parsed.outOfScope.length > 0) {
        refuse(intent, parsed, `Could not translate "${intent}": ${outsideCatalogue(parsed.outOfScope, lexiconOf())}.`);
      }
      if (parsed.controls.length === 0) {
        const understood = parsed.mentionedKinds.length > 0 ? ` I recognised ${parsed.mentionedKinds.map((k) => findKind(k)?.plural ?? k).join(", ")} but no requirement on them.` : "";
        refuse(intent, parsed, `Could not translate "${intent}": no supported control matches.${understood}`);
      }
      if (parsed.confidence < MIN_CONFIDENCE) {
        refuse(intent, parsed, `Could not translate "${intent}" with confidence (${parsed.confidence}): did not understand ${parsed.unrecognised.map((w) => `"${w}"`).join(", ")}.`);
      }
      const rules = buildRules(parsed);
      const draft: PolicyDraft = {
        title: titleFor(rules, describeScope(plan.scope)),
        mode: plan.operation === "check-only" ? "audit" : "enforce",
        scope: plan.scope,
        rules,
      };
      return { draft, confidence: parsed.confidence, notes: interpretationNotes(parsed, rules) };
    },
  };
}
