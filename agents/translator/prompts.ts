// Prompts for the LLM translator. The catalogue and model fields come from the registries,
// so the prompt and the validator can never describe different languages.
import { CONTROLS, KINDS } from "../../engine/registry.js";
import { LLM_DRAFT_JSON_SCHEMA } from "./llm-schema.js";
import type { TranslationInput } from "./translator.js";

function catalogue(): string {
  return CONTROLS.map((c) => {
    const rule = c.build({});
    return `- ${c.id} (${c.kind}, ${c.severity}): ${c.title}. require=${JSON.stringify(rule.require)}${rule.remediation ? ` remediation=${JSON.stringify(rule.remediation)}` : ""} controls=${JSON.stringify(c.benchmarks)}`;
  }).join("\n");
}

function kinds(): string {
  return KINDS.map((k) => `- ${k.name} (${k.noun}): fields ${Object.keys(k.model.shape).join(", ")}; envelope id, region, account, name, tags`).join("\n");
}

export const SYSTEM_PROMPT = `You translate cloud security intents into agpm policy drafts.
Answer with ONE JSON object and nothing else, valid against this JSON Schema:
${LLM_DRAFT_JSON_SCHEMA}
A condition path is a dotted path into the resource model listed below; inside every/some/none, paths are relative to each list entry ("@" is the entry itself).
Prefer catalogue controls (use the control id as rule id and "control"). Use only the kinds and fields listed. Never weaken security.
Catalogue:
${catalogue()}
Kinds:
${kinds()}`;

export function userPrompt(input: TranslationInput): string {
  const lines = [
    `Intent: ${input.intent}`,
    `Plan: operation=${input.plan.operation}; kinds=${input.plan.kinds.join(", ") || "(decide)"}; scope=${JSON.stringify(input.plan.scope)}`,
    `Use exactly this scope. Mode must be "audit" when the operation is check-only, else "enforce".`,
  ];
  if (input.feedback.length > 0) {
    lines.push(`Your previous draft was rejected:\n${input.feedback.map((f) => `- ${f}`).join("\n")}`);
    if (input.previous) lines.push(`Previous draft: ${JSON.stringify(input.previous)}`);
    lines.push("Return a corrected draft.");
  }
  return lines.join("\n");
}
