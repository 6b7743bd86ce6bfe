// What the planner refuses before any translator runs, whatever the mode (offline, llm, auto):
// instructions to the translator, requests to weaken a control, and services outside the
// catalogue — so no model draft can turn them into a policy on a lookalike kind. The catalogue
// it names is the registry's.
import type { ParsedIntent } from "../../language/parse.js";
import { describeControl } from "../../language/polarity.js";
import { suggestControls, titleInSentence } from "../translator/suggest.js";
import { REGISTRY, type Registry } from "../../engine/registry.js";
import { lexiconOf } from "../../language/lexicon.js";
import { outsideCatalogue } from "../../language/out-of-scope.js";

export interface Refusal {
  code: "INTENT_UNTRANSLATABLE";
  message: string;
  details: Record<string, unknown>;
}

/** The refusal for a parsed intent, or null; `registry` must be the one the intent was parsed against. */
export function refusalFor(parsed: ParsedIntent, registry: Registry = REGISTRY): Refusal | null {
  if (parsed.weakening) {
    const { words, control } = parsed.weakening;
    const title = registry.findControl(control)?.title;
    const instead = title ? `Ensure ${titleInSentence(title)}` : "No security group may allow SSH from the internet";
    return {
      code: "INTENT_UNTRANSLATABLE",
      message: `"${words}" asks to weaken security: it would undo ${describeControl(control)}. agpm policies only state secure requirements and never reverse an intent. State what must be true instead (e.g. "${instead}"); to stop enforcing a policy, retire it; to leave some resources out, exempt them with a reason.`,
      details: { reason: "weakening", words, control },
    };
  }
  if (parsed.injection) {
    return {
      code: "INTENT_UNTRANSLATABLE",
      message: `The intent carries instructions to the translator ("${parsed.injection}"); agpm refuses it. State only what must be true of your resources.`,
      details: { reason: "injection", injection: parsed.injection },
    };
  }
  if (parsed.outOfScope.length > 0) {
    const suggestions = suggestControls(parsed.text, undefined, registry);
    const list = suggestions.map((s) => `  - ${s.title}  (e.g. "${s.example}")`).join("\n");
    return {
      code: "INTENT_UNTRANSLATABLE",
      message: `Could not translate "${parsed.text}": ${outsideCatalogue(parsed.outOfScope, lexiconOf(registry))}.\nClosest supported controls:\n${list}`,
      details: { reason: "out-of-scope", outOfScope: parsed.outOfScope, suggestions },
    };
  }
  return null;
}
