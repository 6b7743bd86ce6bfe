// The translator agent: turns the plan into a policy draft with the configured translator
// (offline by default; the LLM when configured, or as fallback in auto mode).
import { AgpmError, errorMessage, isAgpmError } from "../../core/errors.js";
import type { GraphDeps } from "../../graphs/deps.js";
import type { State, StateUpdate } from "../../graphs/state.js";
import { mergeIntoExisting } from "./merge.js";
import { translateWith } from "./translator.js";

export function createTranslatorNode(deps: GraphDeps) {
  return async function translator(state: State): Promise<StateUpdate> {
    deps.onProgress?.({ type: "stage", stage: "translating" });
    const plan = state.plan;
    if (!plan) throw new AgpmError("INTERNAL", "translator reached without a plan");
    if (plan.operation === "exempt" && plan.existing && plan.exemption) {
      // Exempting changes no rule: the draft is the stored policy plus the exemption.
      const existing = await deps.store.policies.getPolicy(plan.existing.id);
      if (!existing) throw new AgpmError("POLICY_NOT_FOUND", `policy ${plan.existing.id} vanished during the run`);
      const { title, mode, scope, rules, exemptions } = existing;
      return { draft: { title, mode, scope, rules, exemptions: [...exemptions, plan.exemption] }, attempts: state.attempts + 1, translation: { translator: "none", confidence: 1, notes: [] } };
    }
    try {
      const { out, by } = await translateWith(deps.translators, state.options.translator, { intent: state.intent, plan, feedback: state.feedback, previous: state.draft });
      let draft = out.draft;
      if (plan.operation === "update" && plan.existing) {
        const existing = await deps.store.policies.getPolicy(plan.existing.id);
        if (existing) draft = mergeIntoExisting(existing, draft);
      }
      return {
        draft,
        attempts: state.attempts + 1,
        translation: { translator: by.name, confidence: out.confidence, notes: out.notes },
        notes: [...state.notes, ...out.notes.filter((n) => !state.notes.includes(n))],
      };
    } catch (error) {
      const attempts = state.attempts + 1;
      // A malformed draft (LLM output) is feedback for another attempt, like a validator rejection.
      if (isAgpmError(error, "POLICY_INVALID") && attempts < state.options.maxTranslationAttempts) {
        return { attempts, draft: null, feedback: [error.message] };
      }
      return {
        attempts,
        status: "failed",
        error: isAgpmError(error)
          ? { code: error.code, message: error.message, details: error.details }
          : { code: "INTERNAL", message: errorMessage(error) },
      };
    }
  };
}
