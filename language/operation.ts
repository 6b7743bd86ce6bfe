// The lifecycle operation an intent asks for: create, update, retire, check-only or exempt.
// Verbs inside a control's own phrase ("health check") and negated verbs ("do not change
// anything") do not count.
import { ENFORCE_LEXICON, LIFECYCLE_LEXICON, NEGATIONS, REMEDIATE_WORDS, type Operation } from "./lexicon.js";
import { findPhrase, type Token } from "./tokens.js";

export interface OperationReading {
  operation: Operation;
  /** The intent uses an enforcement verb (ensure, require, enforce…). */
  enforce: boolean;
  /** Positions of lifecycle and enforcement words, understood though no control uses them. */
  understood: Set<number>;
}

function negated(tokens: readonly Token[], i: number): boolean {
  return [tokens[i - 1], tokens[i - 2]].some((t) => t !== undefined && NEGATIONS.has(t.text));
}

/** A word inside a hyphenated name ("audit-logs") is not a verb. */
function inName(tokens: readonly Token[], k: number): boolean {
  return tokens[k]?.joined === true || tokens[k + 1]?.joined === true;
}

/** Occurrences of a phrase written as is (not stemmed: "checks" is a noun, "check" a verb). */
function occurrences(tokens: readonly Token[], words: readonly string[], skip: ReadonlySet<number>): number[] {
  const hits: number[] = [];
  for (let i = 0; i + words.length <= tokens.length; i++) {
    if (words.every((w, j) => tokens[i + j]?.text === w && !skip.has(i + j) && !inName(tokens, i + j))) hits.push(i);
  }
  return hits;
}

export function detectOperation(tokens: readonly Token[], skip: ReadonlySet<number>, exemption: boolean): OperationReading {
  const understood = new Set<number>();
  let enforce = false;
  for (const phrase of ENFORCE_LEXICON) {
    for (const start of findPhrase(tokens, phrase.stems, skip)) {
      enforce = true;
      phrase.stems.forEach((_, j) => understood.add(start + j));
    }
  }
  const remediate = tokens.some((t, i) => REMEDIATE_WORDS.has(t.text) && !negated(tokens, i));
  let refusedChange = false;
  let chosen: Operation | null = exemption ? "exempt" : null;
  for (const group of LIFECYCLE_LEXICON) {
    for (const words of group.phrases) {
      for (const start of occurrences(tokens, words, skip)) {
        words.forEach((_, j) => understood.add(start + j));
        if (group.operation !== "check-only" && negated(tokens, start)) refusedChange = true;
        else chosen ??= group.operation;
      }
    }
  }
  // "report …, but do not change anything" is a check; "find public buckets and fix them" is not.
  if (chosen === null && refusedChange) chosen = "check-only";
  if (chosen === "check-only" && remediate) chosen = "create";
  return { operation: chosen ?? "create", enforce, understood };
}
