// With `--translator llm` the planner reads the intent through the configured translator: the
// model's first draft names the kinds the offline parser could not, and is the first attempt the
// validator proves. Refusals and the scope stay offline: the model may add understanding, never
// widen the scope or drop a kind the parser proved.
import { z } from "zod";
import { AgpmError, errorMessage, isAgpmError } from "../../core/errors.js";
import { findKind, KIND_NAMES } from "../../engine/registry.js";
import type { GraphDeps } from "../../graphs/deps.js";
import type { State, StateUpdate } from "../../graphs/state.js";
import type { Plan } from "../../contracts/run.js";
import { translateWith } from "../translator/translator.js";

const ProposedKindsSchema = z.array(z.enum(KIND_NAMES as [string, ...string[]])).min(1);

/** The plan with the translator's kinds, and its draft as translation attempt 1 (or the reasons it was unusable). */
export async function planWithTranslator(deps: GraphDeps, state: State, plan: Plan): Promise<StateUpdate> {
  const attempts = 1;
  deps.onProgress?.({ type: "stage", stage: "translating" });
  try {
    const { out, by } = await translateWith(deps.translators, "llm", { intent: state.intent, plan, feedback: [], previous: null });
    const proposed = ProposedKindsSchema.safeParse([...new Set(out.draft.rules.map((r) => r.kind))]);
    if (!proposed.success) throw new AgpmError("POLICY_INVALID", `the draft names no kind of the catalogue (${KIND_NAMES.join(", ")})`);
    const kinds = [...new Set([...plan.kinds, ...proposed.data])];
    const added = kinds.filter((k) => !plan.kinds.includes(k));
    const interpretation = added.length === 0 ? plan.interpretation : [
      ...plan.interpretation,
      `The ${by.name} translator read it as governing ${added.map((k) => findKind(k)?.plural ?? k).join(" and ")}.`,
    ];
    return {
      plan: { ...plan, kinds, interpretation },
      draft: out.draft,
      attempts,
      translation: { translator: by.name, confidence: out.confidence, notes: out.notes },
      notes: [...state.notes, ...interpretation, ...out.notes],
    };
  } catch (error) {
    // An unusable draft is feedback for the translator's next attempt, as it is in the translator node.
    if (isAgpmError(error, "POLICY_INVALID") && attempts < state.options.maxTranslationAttempts) {
      return { plan, notes: [...state.notes, ...plan.interpretation], attempts, draft: null, feedback: [error.message] };
    }
    const failure = isAgpmError(error) ? { code: error.code, message: error.message, details: error.details } : { code: "INTERNAL", message: errorMessage(error) };
    return { plan, attempts, status: "failed", error: failure };
  }
}
