// Scoring candidate controls: their phrases compete for tokens (the longest phrase covering a
// token owns it), parameters the intent carries count for controls that take them, and a
// control whose evidence is a strict part of a same-kind rival's is dropped.
import { type ControlDefinition, type ControlParams } from "../engine/control.js";
import type { Entities } from "./context.js";
import { implies } from "./implication.js";
import { GAP_WORDS, lexiconOf, type Lexicon, type Phrase } from "./lexicon.js";
import { phraseStems, type Token } from "./tokens.js";

export interface Span {
  control: string;
  /** Token positions the phrase covers (a gapped phrase skips its gap). */
  positions: number[];
  start: number;
  end: number;
  weight: number;
  phrase: string;
}

export interface Candidate {
  control: ControlDefinition;
  /** Phrases that own their tokens. */
  spans: Span[];
  /** Token positions ("t:3"), parameters ("p:ports") and literal references ("r:") it explains. */
  evidence: Set<string>;
  score: number;
}

/** Canonical phrases the recognisers put in place of what was written ("0-65535" → "all ports"). */
export type Concept = Entities["concepts"][number];

const MAX_GAP = 4;
const stemsOf = (phrase: string) => phraseStems(phrase).join(" ");

function span(control: string, positions: number[], phrase: Phrase): Span {
  return { control, positions, start: positions[0] ?? 0, end: positions[positions.length - 1] ?? 0, weight: phrase.weight, phrase: phrase.stems.join(" ") };
}

/** "acls … disabled": the head at `h`, a gap of up to four function words, then the tail. */
function gappedAt(tokens: readonly Token[], h: number, phrase: Phrase, blocked: ReadonlySet<number>, to: number): number[] | null {
  const at = phrase.gapAt ?? 0;
  const tail = phrase.stems.slice(at);
  const after = h + at;
  for (let t = after + 1; t <= after + MAX_GAP && t + tail.length - 1 <= to; t++) {
    if (!GAP_WORDS.has(tokens[t - 1]?.text ?? "")) return null;
    if (matchesAt(tokens, t, tail, blocked)) return [...phrase.stems.slice(0, at).map((_, j) => h + j), ...tail.map((_, j) => t + j)];
  }
  return null;
}

function matchesAt(tokens: readonly Token[], i: number, stems: readonly string[], blocked: ReadonlySet<number>): boolean {
  for (let j = 0; j < stems.length; j++) {
    const t = tokens[i + j];
    if (!t || t.stem !== stems[j] || blocked.has(i + j)) return false;
  }
  return true;
}

/** Every occurrence of the given controls' phrases within [from, to], avoiding blocked tokens. */
export function matchSpans(tokens: readonly Token[], blocked: ReadonlySet<number>, controls: ReadonlySet<string>, from = 0, to = tokens.length - 1, concepts: readonly Concept[] = [], lexicon: Lexicon = lexiconOf()): Span[] {
  const spans: Span[] = [];
  for (const c of concepts) {
    if (c.start < from || c.end > to) continue;
    const key = stemsOf(c.phrase);
    for (const lexeme of lexicon.controls) {
      if (!controls.has(lexeme.control)) continue;
      for (const phrase of lexeme.phrases) {
        if (phrase.gapAt === undefined && phrase.stems.join(" ") === key) spans.push(span(lexeme.control, Array.from({ length: c.end - c.start + 1 }, (_, j) => c.start + j), phrase));
      }
    }
  }
  for (let i = from; i <= to; i++) {
    const t = tokens[i];
    if (!t || blocked.has(i)) continue;
    for (const { control, phrase } of lexicon.controlsByFirstStem.get(t.stem) ?? []) {
      if (!controls.has(control)) continue;
      if (phrase.gapAt !== undefined) {
        const hit = matchesAt(tokens, i, phrase.stems.slice(0, phrase.gapAt), blocked) ? gappedAt(tokens, i, phrase, blocked, to) : null;
        if (hit) spans.push(span(control, hit, phrase));
      } else if (i + phrase.stems.length - 1 <= to && matchesAt(tokens, i, phrase.stems, blocked)) {
        spans.push(span(control, phrase.stems.map((_, j) => i + j), phrase));
      }
    }
  }
  return spans;
}

/** The spans that are the heaviest on every token they cover. */
export function ownedSpans(spans: readonly Span[]): Span[] {
  const best = new Map<number, number>();
  for (const s of spans) for (const k of s.positions) best.set(k, Math.max(best.get(k) ?? 0, s.weight));
  return spans.filter((s) => s.positions.every((k) => (best.get(k) ?? 0) <= s.weight));
}

/**
 * Positions a control phrase owns on behalf of a control that does not take `param`: there the
 * word means something else ("HTTP tokens" is IMDSv2, not port 80).
 */
export function claimedAgainst(owned: readonly Span[], param: keyof ControlParams, lexicon: Lexicon = lexiconOf()): Set<number> {
  const at = new Set<number>();
  for (const s of owned) {
    if (lexicon.registry.findControl(s.control)?.takes?.includes(param)) continue;
    for (const k of s.positions) at.add(k);
  }
  return at;
}

function paramEvidence(control: ControlDefinition, owned: readonly Span[], entities: Entities, from: number, to: number, lexicon: Lexicon): Array<keyof ControlParams> {
  return (control.takes ?? []).filter((p) => {
    const claimed = claimedAgainst(owned, p, lexicon);
    return (entities.evidence[p] ?? []).some((k) => k >= from && k <= to && !claimed.has(k));
  });
}

/** Candidates for the surviving spans plus controls evoked only by parameters or references. */
export function candidatesFrom(owned: readonly Span[], pool: readonly ControlDefinition[], entities: Entities, from: number, to: number, filler: ReadonlySet<number> = new Set(), lexicon: Lexicon = lexiconOf()): Candidate[] {
  const out: Candidate[] = [];
  for (const control of pool) {
    const spans = owned.filter((s) => s.control === control.id);
    const params = paramEvidence(control, owned, entities, from, to, lexicon);
    const referenced = entities.controlRefs.includes(control.id);
    if (spans.length === 0 && params.length === 0 && !referenced) continue;
    const evidence = new Set<string>();
    // Function words ("no" in "no acls") do not tell controls apart, unless a phrase is made of
    // nothing else ("all protocols", "other aws accounts").
    for (const s of spans) {
      const content = s.positions.filter((k) => !filler.has(k));
      for (const k of content.length > 0 ? content : s.positions) evidence.add(`t:${k}`);
    }
    for (const p of params) evidence.add(`p:${p}`);
    if (referenced) evidence.add("r:");
    const score = spans.reduce((sum, s) => sum + s.weight, 0) + params.length + (referenced ? 10 : 0);
    out.push({ control, spans, evidence, score });
  }
  return out;
}

function strictSubset(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size >= b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

/**
 * Drops, within each kind, a candidate whose evidence another explains too and more of. Of
 * candidates with identical evidence the first in the catalogue stays (the catalogue lists a
 * family's broad control first); `ties` records the choice unless the kept control is the
 * broader reading anyway (the dropped one implies it: "encrypted" read as default encryption,
 * not KMS).
 */
export function dominate(candidates: readonly Candidate[], ties: Array<{ kept: string; dropped: string }>): Candidate[] {
  const kept = candidates.filter((c) => !candidates.some((o) => o !== c && o.control.kind === c.control.kind && strictSubset(c.evidence, o.evidence)));
  return kept.filter((c, i) => {
    const twin = kept.slice(0, i).find((o) => o.control.kind === c.control.kind && sameSet(o.evidence, c.evidence));
    if (twin && !implies(c.control, twin.control)) ties.push({ kept: twin.control.id, dropped: c.control.id });
    return !twin;
  });
}
