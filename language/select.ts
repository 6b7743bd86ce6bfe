// Choosing controls: per clause, the controls of the kinds it names compete for its words;
// kind words a rival control uses ("instances in an auto scaling group") stop naming a
// subject; any-kind controls become one rule per kind named. With no kind named, the
// best-supported kind wins and the choice is stated. Only the controls of the domains the
// parser chose first compete (see domains.ts).
import { ANY_KIND, type ControlDefinition } from "../engine/control.js";
import { ruleIdFor } from "../engine/instantiate.js";
import { splitClauses, type Clause } from "./clauses.js";
import type { Entities } from "./context.js";
import type { KindMention } from "./kinds.js";
import type { Lexicon } from "./lexicon.js";
import { candidatesFrom, dominate, matchSpans, ownedSpans, type Candidate, type Span } from "./scoring.js";
import type { Token } from "./tokens.js";

export interface ControlMatch {
  control: string;
  /** The concrete kind the rule is for (an any-kind control's is the kind named). */
  kind: string;
  ruleId: string;
  score: number;
  /** The phrases that evoked it, as stems. */
  matched: string[];
}

export interface SelectionInput {
  tokens: readonly Token[];
  text: string;
  blocked: ReadonlySet<number>;
  mentions: readonly KindMention[];
  entities: Entities;
  lexicon: Lexicon;
  /** The controls that may compete: the chosen domains' and the any-kind ones. */
  pool: readonly ControlDefinition[];
}

export interface Selection {
  matches: ControlMatch[];
  /** Positions some candidate phrase or kind mention explained. */
  understood: Set<number>;
  /** Spans that won their tokens, for the out-of-scope check. */
  owned: Span[];
  notes: string[];
  /** Kinds named as subjects (after dropping kind words used by a rival control). */
  subjects: string[];
}

function fillerAt(input: SelectionInput): Set<number> {
  return new Set(input.tokens.flatMap((t, i) => (input.lexicon.fillers.has(t.stem) ? [i] : [])));
}

const noun = (input: SelectionInput, kind: string) => input.lexicon.registry.findKind(kind)?.plural ?? kind;

function idsOf(pool: readonly ControlDefinition[]): Set<string> {
  return new Set(pool.map((c) => c.id));
}

/**
 * "the disks of every VM", "volumes attached to instances", "all its volumes": the mention
 * names a part of another kind's resource, not a subject of its own.
 */
function relational(input: SelectionInput, m: KindMention, others: readonly KindMention[]): boolean {
  const { tokens } = input;
  const possessive = ["its", "their", "whose"].includes(tokens[m.start - 1]?.text ?? "");
  if (possessive && others.some((o) => o.strong && o.kind !== m.kind && o.start < m.start)) return true;
  let k = m.end + 1;
  if (tokens[k]?.text === "of") k++;
  else if (tokens[k]?.text === "attached" && tokens[k + 1]?.text === "to") k += 2;
  else return false;
  while (["the", "a", "an", "every", "each", "all", "our", "any"].includes(tokens[k]?.text ?? "")) k++;
  return others.some((o) => o.start === k && o.strong && o.kind !== m.kind);
}

interface ClauseResult {
  candidates: Candidate[];
  subjects: KindMention[];
  understood: number[];
  owned: Span[];
}

function evaluate(input: SelectionInput, clause: Clause, mentions: readonly KindMention[]): { owned: Span[]; spans: Span[]; pool: ControlDefinition[] } {
  const kinds = new Set(mentions.map((m) => m.kind));
  const pool = input.pool.filter((c) => kinds.has(c.kind) || (c.kind === ANY_KIND && kinds.size > 0));
  const spans = matchSpans(input.tokens, input.blocked, idsOf(pool), clause.from, clause.to, input.entities.concepts, input.lexicon);
  return { owned: ownedSpans(spans), spans, pool };
}

function selectInClause(input: SelectionInput, clause: Clause, mentions: readonly KindMention[], ties: Array<{ kept: string; dropped: string }>): ClauseResult {
  let first = evaluate(input, clause, mentions);
  const strongKinds = new Set(mentions.filter((m) => m.strong).map((m) => m.kind));
  // The clause's first mention is its subject: a rival's phrase may use later kind words only.
  const subject = mentions[0];
  const absorbed = mentions.filter((m) =>
    relational(input, m, mentions) ||
    (m !== subject && first.owned.some((s) => {
      const kind = first.pool.find((c) => c.id === s.control)?.kind;
      return kind !== undefined && kind !== ANY_KIND && kind !== m.kind && strongKinds.has(kind) && s.positions.some((k) => k >= m.start && k <= m.end);
    })),
  );
  const subjects = mentions.filter((m) => !absorbed.includes(m));
  if (absorbed.length > 0) first = evaluate(input, clause, subjects);
  const { owned, spans, pool } = first;
  let candidates = dominate(candidatesFrom(owned, pool, input.entities, clause.from, clause.to, fillerAt(input), input.lexicon), ties);
  const strong = new Set(subjects.filter((m) => m.strong).map((m) => m.kind));
  if (candidates.some((c) => strong.has(c.control.kind))) {
    candidates = candidates.filter((c) => c.control.kind === ANY_KIND || strong.has(c.control.kind));
  }
  const understood = spans.flatMap((s) => s.positions);
  return { candidates, subjects, understood, owned };
}

function toMatches(candidates: readonly Candidate[], subjects: readonly KindMention[]): ControlMatch[] {
  const strong = subjects.filter((m) => m.strong).map((m) => m.kind);
  const kindsForAny = [...new Set(strong.length > 0 ? strong : subjects.map((m) => m.kind))];
  return candidates.flatMap((c) => {
    const kinds = c.control.kind === ANY_KIND ? kindsForAny : [c.control.kind];
    return kinds.map((kind) => ({ control: c.control.id, kind, ruleId: ruleIdFor(c.control, kind), score: c.score, matched: c.spans.map((s) => s.phrase) }));
  });
}

/** No kind named: every concrete control competes; the best-supported kind wins. */
function selectKindless(input: SelectionInput, notes: string[], ties: Array<{ kept: string; dropped: string }>): ClauseResult {
  const pool = input.pool.filter((c) => c.kind !== ANY_KIND);
  const clause = { from: 0, to: input.tokens.length - 1 };
  const spans = matchSpans(input.tokens, input.blocked, idsOf(pool), clause.from, clause.to, input.entities.concepts, input.lexicon);
  const owned = ownedSpans(spans);
  const all = candidatesFrom(owned, pool, input.entities, clause.from, clause.to, fillerAt(input), input.lexicon);
  const byKind = new Map<string, number>();
  for (const c of all) byKind.set(c.control.kind, (byKind.get(c.control.kind) ?? 0) + c.score);
  const ranked = [...byKind.entries()].sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  const understood = spans.flatMap((s) => s.positions);
  if (!best) return { candidates: [], subjects: [], understood, owned };
  notes.push(`No resource kind named; read as a rule on ${noun(input, best[0])}${second && second[1] === best[1] ? ` (${noun(input, second[0])} fit equally)` : ""}.`);
  const candidates = dominate(all.filter((c) => c.control.kind === best[0]), ties);
  return { candidates, subjects: [{ kind: best[0], start: -1, end: -1, strong: true }], understood, owned };
}

export function selectControls(input: SelectionInput): Selection {
  const notes: string[] = [];
  const ties: Array<{ kept: string; dropped: string }> = [];
  // A requirement is a control phrase or a parameter only some controls take ("tagged owner").
  const phraseAt = new Set([
    ...matchSpans(input.tokens, input.blocked, idsOf(input.pool), 0, input.tokens.length - 1, input.entities.concepts, input.lexicon).flatMap((s) => s.positions),
    ...Object.values(input.entities.evidence).flat(),
  ]);
  const clauses = splitClauses({ tokens: input.tokens, text: input.text, mentions: input.mentions, phraseAt, blocked: input.blocked });
  const understood = new Set<number>(input.mentions.flatMap((m) => Array.from({ length: m.end - m.start + 1 }, (_, j) => m.start + j)));
  const owned: Span[] = [];
  let matches: ControlMatch[] = [];
  const subjects = new Set<string>();
  let inherited: KindMention[] = [];
  for (const clause of clauses) {
    const own = input.mentions.filter((m) => m.start >= clause.from && m.end <= clause.to);
    const mentions = own.length > 0 ? own : inherited;
    if (own.length > 0) inherited = own;
    if (mentions.length === 0) continue;
    const result = selectInClause(input, clause, mentions, ties);
    result.understood.forEach((k) => understood.add(k));
    owned.push(...result.owned);
    result.subjects.forEach((m) => subjects.add(m.kind));
    matches.push(...toMatches(result.candidates, result.subjects));
  }
  // A kind named with no requirement of its own is refused ("I recognised … but no requirement on
  // them"), never read as another kind's rule: only an intent naming no kind picks the best-supported one.
  if (matches.length === 0 && input.mentions.length === 0) {
    const result = selectKindless(input, notes, ties);
    result.understood.forEach((k) => understood.add(k));
    owned.push(...result.owned);
    matches = toMatches(result.candidates, result.subjects);
  }
  for (const t of ties) notes.push(`"${t.kept}" and "${t.dropped}" fit the words equally; chose ${t.kept}.`);
  const seen = new Set<string>();
  matches = matches.filter((m) => !seen.has(m.ruleId) && seen.add(m.ruleId)).sort((a, b) => b.score - a.score);
  return { matches, understood, owned, notes: [...new Set(notes)], subjects: [...subjects] };
}
