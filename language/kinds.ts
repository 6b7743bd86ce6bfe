// Kind mentions: where the intent names a resource kind, and how strongly ("S3" alone only
// names a service; "buckets" names the kind).
import { findKind } from "../engine/registry.js";
import { KIND_LEXICON, NOT_KIND_PHRASES, SERVICE_PHRASES } from "./lexicon.js";
import { findPhrase, type Token } from "./tokens.js";

export interface KindMention {
  kind: string;
  start: number;
  end: number;
  /** False for a bare service word ("s3", "ec2") — it names a kind only when nothing better does. */
  strong: boolean;
}

const CANDIDATES = KIND_LEXICON.flatMap((k) => k.phrases.map((p) => ({ kind: k.kind, phrase: p }))).sort((a, b) => b.phrase.weight - a.phrase.weight);

/** Kind mentions in token order, longest phrases first; `blocked` positions are never read. */
export function findKindMentions(tokens: readonly Token[], blocked: ReadonlySet<number>): KindMention[] {
  const used = new Set(blocked);
  for (const phrase of NOT_KIND_PHRASES) {
    for (const start of findPhrase(tokens, phrase.stems, used)) phrase.stems.forEach((_, j) => used.add(start + j));
  }
  const mentions: KindMention[] = [];
  for (const { kind, phrase } of CANDIDATES) {
    for (const start of findPhrase(tokens, phrase.stems, used)) {
      const end = start + phrase.stems.length - 1;
      for (let k = start; k <= end; k++) used.add(k);
      mentions.push({ kind, start, end, strong: !SERVICE_PHRASES.has(phrase.stems.join(" ")) });
    }
  }
  // A service word is redundant next to a specific kind of the same service ("EBS … volumes").
  const strongServices = new Set(mentions.filter((m) => m.strong).map((m) => findKind(m.kind)?.service));
  return mentions
    .filter((m) => m.strong || !strongServices.has(findKind(m.kind)?.service))
    .sort((a, b) => a.start - b.start);
}

/** Every token position inside a mention. */
export function mentionPositions(mentions: readonly KindMention[]): Set<number> {
  const at = new Set<number>();
  for (const m of mentions) for (let k = m.start; k <= m.end; k++) at.add(k);
  return at;
}
