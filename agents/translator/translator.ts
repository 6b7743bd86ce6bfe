// The translator contract: offline compiler and LLM both turn a plan into a policy draft.
import type { Plan, PolicyDraft } from "../../graphs/state.js";

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
