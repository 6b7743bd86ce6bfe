// Instructions aimed at the translator rather than the account ("ignore previous instructions",
// "you are now…"): an intent carrying them is refused before any model sees it.
const PATTERNS: readonly RegExp[] = [
  /\b(ignore|disregard|forget|override|bypass)\b[^.;!?]{0,40}\b(instructions?|prompts?|rules?|guardrails?|validat\w*|polic(y|ies)|safety|above|previous|prior|earlier)\b/i,
  /\b(system|developer)\s+(prompt|message|instructions?)\b/i,
  /\byou\s+are\s+now\b/i,
  /\b(act|pretend|behave)\s+as\s+(if|an?|the)\b/i,
  /\bnew\s+instructions?\b/i,
  /<\/?(system|assistant|user)>|\[\/?INST\]/i,
];

/** The text that reads as an instruction to the translator, or null. */
export function findInjection(text: string): string | null {
  for (const pattern of PATTERNS) {
    const match = pattern.exec(text);
    if (match) return match[0];
  }
  return null;
}
