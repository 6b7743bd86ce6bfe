// The translator contract: offline compiler and LLM both turn a plan into a policy draft.
import { AgpmError, errorMessage, isAgpmError } from "../../core/errors.js";
import type { PolicyDraft } from "../../graphs/state.js";
import type { Plan } from "../../contracts/run.js";

export interface TranslationInput {
  intent: string;
  plan: Plan;
  /** Reasons the validator rejected the previous draft; empty on the first attempt. */
  feedback: string[];
  previous: PolicyDraft | null;
}

export interface TranslationOutput {
  draft: PolicyDraft;
  /** 0..1: how sure the translator is that the draft says what the intent says. */
  confidence: number;
  /** Interpretation choices, stated to the user. */
  notes: string[];
}

export interface Translator {
  readonly name: "offline" | "llm";
  translate(input: TranslationInput): Promise<TranslationOutput>;
}

export type TranslatorMode = "offline" | "llm" | "auto";

/** Auto mode hands over to the LLM below this offline confidence. */
export const AUTO_CONFIDENCE = 0.8;

/** A model draft may only govern the kinds the intent names ("Lambda functions…" never becomes an S3 rule). */
function checkKinds(input: TranslationInput, out: TranslationOutput): TranslationOutput {
  const allowed = new Set(input.plan.kinds);
  const foreign = [...new Set(out.draft.rules.map((r) => r.kind))].filter((k) => !allowed.has(k));
  if (allowed.size > 0 && foreign.length > 0) {
    throw new AgpmError("POLICY_INVALID", `the draft governs ${foreign.join(", ")}, but the intent names ${[...allowed].join(", ")}`, { details: { foreign, kinds: [...allowed] } });
  }
  return out;
}

/**
 * Runs the configured translator. `auto` asks the LLM only when the offline parser is unsure
 * or refuses, and falls back to the offline answer — or its refusal — whenever the LLM fails
 * (HTTP error, timeout, nonsense, off-topic draft), so a broken model never fails a run.
 */
export async function translateWith(translators: { offline: Translator; llm?: Translator | undefined }, mode: TranslatorMode, input: TranslationInput): Promise<{ out: TranslationOutput; by: Translator }> {
  const { offline, llm } = translators;
  if (mode === "llm") {
    if (!llm) throw new AgpmError("CONFIG_INVALID", "the LLM translator is not configured: set AGPM_LLM_BASE_URL (or OPENAI_API_KEY) and AGPM_LLM_MODEL");
    return { out: checkKinds(input, await llm.translate(input)), by: llm };
  }
  if (mode === "offline" || !llm) return { out: await offline.translate(input), by: offline };
  let offlineOut: TranslationOutput | null = null;
  let refusal: unknown = null;
  if (input.feedback.length === 0) {
    try {
      offlineOut = await offline.translate(input);
      if (offlineOut.confidence >= AUTO_CONFIDENCE) return { out: offlineOut, by: offline };
    } catch (error) {
      if (!isAgpmError(error, "INTENT_UNTRANSLATABLE")) throw error;
      refusal = error;
    }
  }
  try {
    return { out: checkKinds(input, await llm.translate(input)), by: llm };
  } catch (error) {
    const why = `The LLM translator failed (${errorMessage(error).split("\n")[0]}); the offline translator's answer stands.`;
    if (refusal) throw refusal;
    const out = offlineOut ?? (await offline.translate(input));
    return { out: { ...out, notes: [...out.notes, why] }, by: offline };
  }
}
