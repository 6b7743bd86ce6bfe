// Kind mentions: where the intent names a resource kind, and how strongly ("S3" alone only
// names a service; "buckets" names the kind).
import { lexiconOf, type Lexicon } from "./lexicon.js";
import { findPhrase, type Token } from "./tokens.js";

export interface KindMention {
  kind: string;
  start: number;
  end: number;
  /** False for a bare service word ("s3", "ec2") — it names a kind only when nothing better does. */
  strong: boolean;
}

/**
 * Kind mentions in token order, longest phrases first; `blocked` positions are never read. With
 * `domains`, only those domains' kinds are read (the parser picks the domain first).
 */
export function findKindMentions(tokens: readonly Token[], blocked: ReadonlySet<number>, lexicon: Lexicon = lexiconOf(), domains?: ReadonlySet<string>): KindMention[] {
  const used = new Set(blocked);
  for (const phrase of lexicon.notKindPhrases) {
    for (const start of findPhrase(tokens, phrase.stems, used)) phrase.stems.forEach((_, j) => used.add(start + j));
  }
  const mentions: KindMention[] = [];
  for (const { kind, domain, phrase } of lexicon.kindCandidates) {
    if (domains && !domains.has(domain)) continue;
    for (const start of findPhrase(tokens, phrase.stems, used)) {
      const end = start + phrase.stems.length - 1;
      for (let k = start; k <= end; k++) used.add(k);
      mentions.push({ kind, start, end, strong: !lexicon.servicePhrases.has(phrase.stems.join(" ")) });
    }
  }
  // A service word is redundant next to a specific kind of the same service ("EBS … volumes").
  const serviceOf = (kind: string) => lexicon.registry.findKind(kind)?.service;
  const strongServices = new Set(mentions.filter((m) => m.strong).map((m) => serviceOf(m.kind)));
  return mentions
    .filter((m) => m.strong || !strongServices.has(serviceOf(m.kind)))
    .sort((a, b) => a.start - b.start);
}

/** Every token position inside a mention. */
export function mentionPositions(mentions: readonly KindMention[]): Set<number> {
  const at = new Set<number>();
  for (const m of mentions) for (let k = m.start; k <= m.end; k++) at.add(k);
  return at;
}
