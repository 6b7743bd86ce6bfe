// The offline semantic parser: intent text → operation, kinds, candidate controls with
// scores, scope entities, and what it could not place — with an explicit confidence.
import { findKind } from "../../policy/kinds/index.js";
import { findControl } from "../../policy/controls/index.js";
import { recogniseEntities, type Entities } from "./entities.js";
import {
  CONTROL_LEXICON, ENFORCE_LEXICON, FILLER_WORDS, KIND_LEXICON, KIND_STEMS, LIFECYCLE_LEXICON, NOT_KIND_PHRASES, SERVICE_WORDS,
  type Operation, type Phrase,
} from "./lexicon.js";
import { findPhrase, tokenize, type Token } from "./tokens.js";
import { findWeakening } from "./weakening.js";

export interface ControlMatch {
  control: string;
  kind: string;
  score: number;
  /** The phrases that evoked it, as written in the lexicon. */
  matched: string[];
}

export interface ParsedIntent {
  text: string;
  operation: Operation;
  /** The intent uses an enforcement verb (ensure, require, enforce…). */
  enforce: boolean;
  /** Kinds the intent names, after dropping service-only mentions shadowed by specific ones. */
  mentionedKinds: string[];
  /** True when no control of the named kinds matched and a related kind's control was used. */
  reinterpreted: boolean;
  /** Controls chosen, best first. */
  controls: ControlMatch[];
  entities: Omit<Entities, "consumed">;
  /** Content words nothing understood. */
  unrecognised: string[];
  /** Share of content words understood, 0..1. */
  confidence: number;
  /** Present when the intent asks to weaken security. */
  weakening: string | null;
}

function consumePhrases(tokens: readonly Token[], phrases: readonly Phrase[], consumed: Set<number>, blocked: ReadonlySet<number>): Phrase[] {
  const hits: Phrase[] = [];
  for (const phrase of phrases) {
    for (const start of findPhrase(tokens, phrase.stems, blocked)) {
      const span = phrase.stems.map((_, j) => start + j);
      if (span.some((p) => consumed.has(p))) continue;
      span.forEach((p) => consumed.add(p));
      hits.push(phrase);
    }
  }
  return hits;
}

/** Lifecycle verbs choose the operation and are consumed; enforcement verbs ("encrypt",
 * "block") may also name a control, so they are reported as understood but stay matchable. */
function detectOperation(tokens: readonly Token[], lifecycle: Set<number>, blocked: ReadonlySet<number>): { operation: Operation; enforce: boolean; enforceTokens: Set<number> } {
  const enforceTokens = new Set<number>();
  const enforce = consumePhrases(tokens, ENFORCE_LEXICON, enforceTokens, blocked).length > 0;
  for (const group of LIFECYCLE_LEXICON) {
    if (consumePhrases(tokens, group.phrases, lifecycle, blocked).length === 0) continue;
    // "find public buckets and fix them" asks for enforcement despite its check verb.
    if (group.operation === "check-only" && enforce) return { operation: "create", enforce, enforceTokens };
    return { operation: group.operation, enforce, enforceTokens };
  }
  return { operation: "create", enforce, enforceTokens };
}

function detectKinds(tokens: readonly Token[], used: Set<number>, blocked: ReadonlySet<number>): string[] {
  const shielded = new Set(blocked);
  consumePhrases(tokens, NOT_KIND_PHRASES, shielded, blocked);
  blocked = shielded;
  const candidates = KIND_LEXICON.flatMap((k) => k.phrases.map((p) => ({ kind: k.kind, service: k.service, phrase: p })))
    .sort((a, b) => b.phrase.weight - a.phrase.weight);
  const strength = new Map<string, boolean>();
  for (const c of candidates) {
    if (consumePhrases(tokens, [c.phrase], used, blocked).length === 0) continue;
    const strong = !(c.phrase.weight === 1 && SERVICE_WORDS.has(c.phrase.stems[0] ?? ""));
    strength.set(c.kind, (strength.get(c.kind) ?? false) || strong);
  }
  const kinds = [...strength.keys()];
  return kinds.filter((kind) => {
    if (strength.get(kind)) return true;
    const service = findKind(kind)?.service;
    return !kinds.some((other) => other !== kind && strength.get(other) && findKind(other)?.service === service);
  });
}

function scoreControls(tokens: readonly Token[], used: Set<number>, blocked: ReadonlySet<number>, kinds: readonly string[], entities: Entities): ControlMatch[] {
  const matches: ControlMatch[] = [];
  for (const lexeme of CONTROL_LEXICON) {
    if (kinds.length > 0 && !kinds.includes(lexeme.kind)) continue;
    const local = new Set<number>();
    const hits = consumePhrases(tokens, lexeme.phrases, local, blocked);
    let score = hits.reduce((sum, p) => sum + p.weight, 0);
    const control = findControl(lexeme.control);
    if (control?.takes?.includes("ports") && entities.ports.length > 0) score += 1;
    if (score === 0) continue;
    local.forEach((p) => used.add(p));
    matches.push({ control: lexeme.control, kind: lexeme.kind, score, matched: hits.map((h) => h.stems.join(" ")) });
  }
  matches.sort((a, b) => b.score - a.score);
  if (kinds.length > 0 || matches.length === 0) return matches;
  // No kind named: keep only the best-scoring interpretation(s).
  const best = matches[0]?.score ?? 0;
  return matches.filter((m) => m.score === best);
}

/** Parses an intent. Pure and deterministic; never throws on odd input. */
export function parseIntent(text: string): ParsedIntent {
  const tokens = tokenize(text);
  const entities = recogniseEntities(tokens, KIND_STEMS);
  const blocked = new Set<number>(entities.consumed);
  const { operation, enforce, enforceTokens } = detectOperation(tokens, blocked, entities.consumed);
  const understood = new Set<number>(blocked);
  const mentionedKinds = detectKinds(tokens, understood, blocked);
  let controls = scoreControls(tokens, understood, blocked, mentionedKinds, entities);
  let reinterpreted = false;
  if (controls.length === 0 && mentionedKinds.length > 0) {
    // "EC2 instances must not allow SSH from the internet": the control lives on a related kind.
    controls = scoreControls(tokens, understood, blocked, [], entities);
    reinterpreted = controls.length > 0;
  }
  enforceTokens.forEach((i) => understood.add(i));
  const unrecognised = tokens.filter((t, i) => !understood.has(i) && !FILLER_WORDS.has(t.stem)).map((t) => t.text);
  const content = [...understood].filter((i) => !FILLER_WORDS.has(tokens[i]?.stem ?? "")).length;
  const confidence = controls.length === 0 ? 0 : content / Math.max(1, content + unrecognised.length);
  const { consumed: _consumed, ...rest } = entities;
  return {
    text,
    operation,
    enforce,
    mentionedKinds,
    reinterpreted,
    controls,
    entities: rest,
    unrecognised,
    confidence: Math.round(confidence * 100) / 100,
    weakening: findWeakening(tokens),
  };
}
