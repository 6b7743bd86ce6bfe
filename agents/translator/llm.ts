// The LLM translator: any OpenAI-compatible chat model, asked for a JSON draft that is parsed
// and schema-checked here; the validator's reasons come back on the next attempt.
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import { ChatOpenAI } from "@langchain/openai";
import { AgpmError, errorMessage } from "../../core/errors.js";
import { LlmDraftSchema } from "./llm-schema.js";
import { SYSTEM_PROMPT, userPrompt } from "./prompts.js";
import type { TranslationInput, TranslationOutput, Translator } from "./translator.js";

export interface LlmSettings {
  baseUrl?: string | undefined;
  model: string;
  apiKey?: string | undefined;
  /** Per-request timeout (AGPM_LLM_TIMEOUT_MS). */
  timeoutMs?: number | undefined;
  /** Bounded retries (AGPM_LLM_MAX_RETRIES). */
  maxRetries?: number | undefined;
}

/** A ChatOpenAI client for any OpenAI-compatible endpoint. */
export function createChatModel(settings: LlmSettings): BaseChatModel {
  return new ChatOpenAI({
    model: settings.model,
    temperature: 0,
    apiKey: settings.apiKey ?? "not-needed",
    maxRetries: settings.maxRetries ?? 2,
    timeout: settings.timeoutMs ?? 30_000,
    // JSON mode is the structured output most OpenAI-compatible servers support.
    modelKwargs: { response_format: { type: "json_object" } },
    ...(settings.baseUrl ? { configuration: { baseURL: settings.baseUrl } } : {}),
  });
}

function extractJson(text: string): unknown {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(text);
  const body = (fenced?.[1] ?? text).trim();
  const start = body.indexOf("{");
  const end = body.lastIndexOf("}");
  if (start < 0 || end <= start) throw new AgpmError("POLICY_INVALID", "the model's answer holds no JSON object");
  try {
    return JSON.parse(body.slice(start, end + 1));
  } catch (error) {
    throw new AgpmError("POLICY_INVALID", `the model's answer is not valid JSON: ${errorMessage(error)}`);
  }
}

export function createLlmTranslator(model: BaseChatModel): Translator {
  return {
    name: "llm",
    async translate(input: TranslationInput): Promise<TranslationOutput> {
      let reply: Awaited<ReturnType<BaseChatModel["invoke"]>>;
      try {
        reply = await model.invoke([new SystemMessage(SYSTEM_PROMPT), new HumanMessage(userPrompt(input))]);
      } catch (error) {
        // HTTP errors, timeouts and unreachable endpoints, after the client's bounded retries.
        throw new AgpmError("LLM_UNAVAILABLE", `the LLM translator did not answer: ${errorMessage(error)}`, { cause: error });
      }
      const text = typeof reply.content === "string" ? reply.content : reply.content.map((p) => ("text" in p ? String(p.text) : "")).join("");
      const parsed = LlmDraftSchema.safeParse(extractJson(text));
      if (!parsed.success) {
        const issues = parsed.error.issues.slice(0, 8).map((i) => `draft.${i.path.join(".")}: ${i.message}`);
        throw new AgpmError("POLICY_INVALID", `the model's draft does not fit the policy schema:\n${issues.join("\n")}`, { details: { issues } });
      }
      return { draft: parsed.data, confidence: 1, notes: ["Translated by the LLM; validated against the catalogue before use."] };
    },
  };
}
