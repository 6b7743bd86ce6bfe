// Detects intents that ask for the opposite of a control ("make all buckets public", "disable
// versioning", "permit IMDSv1"), which agpm must refuse — never silently turn into the control.
// Each clause's polar phrases (polarity.ts) are read with the flips before and after them:
// negations and removing verbs flip both polarities ("do not disable versioning" is secure),
// closing verbs flip only an insecure state ("block public access"). A secure state flipped an
// odd number of times, or an insecure one an even number, is a weakening. Descriptions of the
// subject ("public buckets must…", "instances older than 90 days"), questions, check-only
// clauses and identifiers ("…_allow_ingress_from_internet") are not requests and do not count.
import { REGISTRY, type Registry } from "../engine/registry.js";
import { CONTRASTS, lexiconOf, type Operation } from "./lexicon.js";
import { controlFor, polarPhrasesOf, type Polarity, type PolarPhrase } from "./polarity.js";
import type { Token } from "./tokens.js";

export interface Weakening {
  /** The words that ask for it. */
  words: string;
  /** The control it would undo. */
  control: string;
}

const NEGATIONS = new Set(["not", "no", "never", "nobody", "noone", "none", "nothing", "neither", "without", "lack", "lacking", "lacks", "missing"]);
const REMOVING = new Set(["disable", "disabled", "disabling", "remove", "removed", "removing", "delete", "deleted", "deleting", "suspend", "suspended", "drop", "dropped", "deactivate", "deactivated", "stop", "stopping", "off", "strip", "rid", "eliminate", "skip", "unset", "abandon", "undo"]);
const CLOSING = new Set(["block", "blocked", "blocking", "restrict", "restricted", "deny", "denied", "denies", "prevent", "prevented", "prevents", "disallow", "disallowed", "forbid", "forbidden", "prohibit", "prohibited", "revoke", "revoked", "close", "closed", "limit", "limited", "fix", "fixed", "remediate", "remediated", "resolve", "correct", "terminate", "terminated", "replace", "replaced", "reject", "avoid", "ban", "banned", "lock"]);
const REQUEST_CUES = new Set(["must", "should", "shall", "will", "may", "can", "need", "needs", "has", "have", "is", "are", "be", "been", "ensure", "require", "requires", "enforce", "keep", "want"]);
const VERBS = new Set([...REMOVING, ...CLOSING, "allow", "permit", "make", "let", "open", "expose", "grant", "share", "enable", "turn", "switch", "set", "give", "configure", "put", "add", "use", "leave", "ignore", "accept", "start", "encrypt", "require", "ensure", "enforce", "keep", "apply", "create", "attach", "publish"]);
const RESULTATIVE = new Set(["make", "let", "leave", "keep", "set", "render", "get", "allow", "permit", "turn"]);
const RELATIVE = new Set(["that", "which", "who", "whose", "with", "without", "lacking", "missing", "having"]);
const LEADING = new Set(["please", "now", "also", "just", "go", "ahead", "then", "can", "you", "we", "i", "want", "to", "need", "would", "like", "kindly", "do", "does", "and", "but", "so", "or"]);
const CHECK_WORDS = new Set(["validate", "check", "audit", "verify", "report", "assess", "scan", "detect", "find", "list", "show", "monitor", "flag", "which", "whether", "confirm", "identify", "review"]);
const SPLIT_WORDS = new Set(["and", "but", "while", "whereas", "then", "plus"]);
const SKIPPED: ReadonlySet<Operation> = new Set(["retire", "exempt"]);
const ARTICLES = new Set(["a", "an", "the", "any"]);

interface Span {
  start: number;
  end: number;
}
interface Feature extends Span {
  phrase: PolarPhrase;
}
interface Clause extends Span {
  /** The clause ends a sentence: the next clause's flips start afresh. */
  sentenceEnd: boolean;
  question: boolean;
}

interface SpanCandidate {
  stems: readonly string[];
  phrase: PolarPhrase | null;
  kind: string | null;
}

const candidatesBuilt = new WeakMap<Registry, readonly SpanCandidate[]>();

/** A registry's polar phrases and kind phrases, longest first; a polar phrase wins a tie ("encryption by default"). Built once per registry. */
function spanCandidates(registry: Registry): readonly SpanCandidate[] {
  let candidates = candidatesBuilt.get(registry);
  if (candidates) return candidates;
  candidates = [
    ...polarPhrasesOf(registry).map((phrase) => ({ stems: phrase.stems, phrase, kind: null })),
    ...lexiconOf(registry).kinds.flatMap((k) => k.phrases.map((p) => ({ stems: p.stems, phrase: null, kind: k.kind }))),
  ].sort((a, b) => b.stems.length - a.stems.length || (a.phrase ? -1 : 1) - (b.phrase ? -1 : 1));
  candidatesBuilt.set(registry, candidates);
  return candidates;
}

/** Polar phrases and kind mentions in the tokens, longest first. */
function readSpans(tokens: readonly Token[], entities: ReadonlySet<number>, registry: Registry): { features: Feature[]; kinds: Array<Span & { kind: string }> } {
  const used = new Set<number>();
  const features: Feature[] = [];
  const kinds: Array<Span & { kind: string }> = [];
  for (const c of spanCandidates(registry)) {
    for (let i = 0; i + c.stems.length <= tokens.length; i++) {
      const span = c.stems.map((_, j) => i + j);
      if (span.some((k) => used.has(k) || tokens[k]?.stem !== c.stems[k - i])) continue;
      // A recognised value ("tag data-classification must be public") is not a state; a longer phrase ("block public acls") still is.
      if (c.stems.length === 1 && entities.has(i)) continue;
      // Inside an identifier ("ec2_securitygroup_allow_ingress_from_internet") words describe, not ask.
      if ([...span, i + c.stems.length].some((k) => tokens[k]?.joiner === "_")) continue;
      span.forEach((k) => used.add(k));
      if (c.phrase) features.push({ start: i, end: i + c.stems.length - 1, phrase: c.phrase });
      else if (c.kind) kinds.push({ start: i, end: i + c.stems.length - 1, kind: c.kind });
    }
  }
  return { features: features.sort((a, b) => a.start - b.start), kinds: kinds.sort((a, b) => a.start - b.start) };
}

function splitClauses(tokens: readonly Token[], text: string, taken: ReadonlySet<number>): Clause[] {
  const clauses: Clause[] = [];
  let start = 0;
  const close = (end: number, next: number) => {
    const gap = text.slice(tokens[end]?.end ?? 0, tokens[next]?.start ?? text.length);
    if (end >= start) clauses.push({ start, end, sentenceEnd: /[.;:!?]/.test(gap) || next >= tokens.length, question: gap.includes("?") });
  };
  for (let i = 1; i <= tokens.length; i++) {
    const gap = text.slice(tokens[i - 1]?.end ?? 0, tokens[i]?.start ?? text.length);
    if (i === tokens.length || /[.;:!?,]/.test(gap)) {
      close(i - 1, i);
      start = i;
    } else if (SPLIT_WORDS.has(tokens[i]?.text ?? "") && !taken.has(i)) {
      close(i - 1, i);
      start = i + 1;
    }
  }
  // A question's earlier clauses are part of the question.
  for (let k = clauses.length - 2; k >= 0; k--) {
    const here = clauses[k];
    const next = clauses[k + 1];
    if (here && next && !here.sentenceEnd && next.question) here.question = true;
  }
  return clauses;
}

/** A word inside a hyphenated name ("audit-logs") is not a verb. */
function inName(tokens: readonly Token[], k: number): boolean {
  return tokens[k]?.joined === true || tokens[k + 1]?.joined === true;
}

/** "launch templates instead of launch configurations": the phrase after a contrast is the rejected alternative. */
function contrasted(tokens: readonly Token[], start: number, from: number): boolean {
  let k = from - 1;
  while (k >= start && ARTICLES.has(tokens[k]?.text ?? "")) k--;
  return CONTRASTS.some((words) => words.every((w, j) => k - words.length + 1 + j >= start && tokens[k - words.length + 1 + j]?.text === w));
}

function flips(token: Token | undefined, polarity: PolarPhrase["polarity"]): boolean {
  if (!token) return false;
  return NEGATIONS.has(token.text) || REMOVING.has(token.text) || (polarity === "insecure" && CLOSING.has(token.text));
}

/**
 * The words that make this intent a weakening request, and the control it would undo; or null.
 * Polar and kind phrases come from `registry` (by default the domains tools/index.ts lists).
 */
export function findWeakening(tokens: readonly Token[], text: string, operation: Operation, entities: ReadonlySet<number> = new Set(), registry: Registry = REGISTRY): Weakening | null {
  if (SKIPPED.has(operation)) return null;
  const { features, kinds } = readSpans(tokens, entities, registry);
  const taken = new Set<number>([...features, ...kinds].flatMap((s) => Array.from({ length: s.end - s.start + 1 }, (_, j) => s.start + j)));
  const kindNames = kinds.map((k) => k.kind);
  let carry: Record<Polarity, number> = { secure: 0, insecure: 0 };
  let previousRequest = false;
  for (const clause of splitClauses(tokens, text, taken)) {
    const inClause = (k: number) => k >= clause.start && k <= clause.end;
    const free = (k: number) => inClause(k) && !taken.has(k);
    const words = tokens.slice(clause.start, clause.end + 1);
    const first = words.findIndex((t, j) => !LEADING.has(t.text) || taken.has(clause.start + j));
    const firstToken = first < 0 ? undefined : words[first];
    const ownRequest = words.some((t, j) => free(clause.start + j) && REQUEST_CUES.has(t.text)) || (firstToken !== undefined && VERBS.has(firstToken.text));
    const elliptical: boolean = !ownRequest && previousRequest;
    const request: boolean = (ownRequest || elliptical) && !clause.question;
    const checking = words.some((t, j) => free(clause.start + j) && CHECK_WORDS.has(t.text) && !inName(tokens, clause.start + j));
    const clauseFeatures = features.filter((f) => f.start >= clause.start && f.end <= clause.end);
    const verbBefore = (k: number) => tokens.slice(clause.start, k).filter((t, j) => free(clause.start + j) && VERBS.has(t.text)).at(-1)?.text;
    const descriptive = new Set<number>();
    let hit: Weakening | null = null;
    for (const f of clauseFeatures) {
      // "public buckets", "unencrypted volumes" describe the subject; "encrypting volumes" is an action on it.
      const followsKind = kinds.some((k) => k.start === f.end + 1 && inClause(k.start)) && !(tokens[f.end]?.text ?? "").endsWith("ing");
      const subject = kinds.filter((k) => k.end < f.start && inClause(k.start)).at(-1);
      const gap = subject ? tokens.slice(subject.end + 1, f.start) : [];
      const relative = subject !== undefined && !gap.some((t) => REQUEST_CUES.has(t.text) && !["is", "are", "has", "have", "been"].includes(t.text)) &&
        ((gap.length === 0 && !RESULTATIVE.has(verbBefore(subject.start) ?? "")) || RELATIVE.has(gap[0]?.text ?? ""));
      // The rejected alternative of a contrast is neither asked for nor against.
      if (contrasted(tokens, clause.start, f.start)) continue;
      if (followsKind || relative) {
        for (let k = subject && relative ? subject.end + 1 : f.start; k <= f.end; k++) descriptive.add(k);
        continue;
      }
      const polarity = f.phrase.polarity;
      let count = elliptical ? carry[polarity] : 0;
      for (let k = clause.start; k < f.start; k++) if (free(k) && !descriptive.has(k) && flips(tokens[k], polarity)) count++;
      // "public access must be blocked", "versioning turned off": a flip right after the phrase.
      for (let k = f.end + 1; k <= f.end + 3 && inClause(k) && !taken.has(k); k++) if (flips(tokens[k], polarity)) count++;
      const weakens = polarity === "secure" ? count % 2 === 1 : count % 2 === 0;
      if (weakens && request && !checking && !hit) {
        // The kinds nearest the phrase decide which control it names ("…on instances, but disable encryption on volumes").
        const near = kinds.filter((k) => inClause(k.start)).sort((a, b) => Math.abs(a.start - f.start) - Math.abs(b.start - f.start)).map((k) => k.kind);
        hit = { words: tokens.slice(clause.start, clause.end + 1).map((t) => t.raw).join(" "), control: controlFor(f.phrase, [...near, ...kindNames]) };
      }
    }
    if (hit) return hit;
    // "must not be public and unencrypted": the negation carries into a verbless next clause.
    const firstFeature = clauseFeatures.find((f) => !descriptive.has(f.start))?.start ?? clause.end + 1;
    const own = (polarity: Polarity) => {
      let count = elliptical ? carry[polarity] : 0;
      for (let k = clause.start; k < firstFeature; k++) if (free(k) && flips(tokens[k], polarity)) count++;
      return clause.sentenceEnd ? 0 : count % 2;
    };
    carry = { secure: own("secure"), insecure: own("insecure") };
    previousRequest = clause.sentenceEnd ? false : request;
  }
  return null;
}
