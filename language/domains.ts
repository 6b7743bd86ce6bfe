// The domain is chosen before controls compete: domain words ("aws"), file names ("main.tf") and
// kind or service mentions vote, so words several domains share ("public", "encrypted") are read
// within the domain the intent is about. None or a tie: every domain stays in play.
import { ANY_KIND, type ControlDefinition } from "../engine/control.js";
import { findKindMentions, mentionPositions } from "./kinds.js";
import { domainOfControl, type Lexicon } from "./lexicon.js";
import { findPhrase, type Token } from "./tokens.js";

/** Naming the domain or a file only it reads counts as much as two kind words. */
const EXPLICIT_WEIGHT = 2;

function fileNamed(token: Token, suffix: string): boolean {
  return token.text === suffix || (suffix.startsWith(".") && token.text.endsWith(suffix));
}

/** The names of the domains the intent is about: the best-voted one, or all when none or several lead. */
export function chooseDomains(tokens: readonly Token[], lexicon: Lexicon): Set<string> {
  const all = new Set(lexicon.registry.domains.map((d) => d.name));
  if (all.size <= 1) return all;
  const votes = new Map<string, number>();
  const vote = (domain: string, n: number) => votes.set(domain, (votes.get(domain) ?? 0) + n);
  for (const { domain, phrase } of lexicon.domainPhrases) vote(domain, EXPLICIT_WEIGHT * phrase.stems.length * findPhrase(tokens, phrase.stems).length);
  for (const { domain, suffix } of lexicon.files) vote(domain, EXPLICIT_WEIGHT * tokens.filter((t) => fileNamed(t, suffix)).length);
  // Each domain reads the kind words on its own, so a shared word ("volumes") votes for both.
  for (const domain of all) vote(domain, mentionPositions(findKindMentions(tokens, new Set(), lexicon, new Set([domain]))).size);
  const best = Math.max(...votes.values());
  const leaders = [...votes.entries()].filter(([, n]) => n === best);
  return best > 0 && leaders.length === 1 ? new Set(leaders.map(([d]) => d)) : all;
}

/** The controls that may compete in the chosen domains, the any-kind ones included. */
export function controlsIn(lexicon: Lexicon, domains: ReadonlySet<string>): ControlDefinition[] {
  return lexicon.registry.controls.filter((c) => c.kind === ANY_KIND || domains.has(domainOfControl(lexicon, c.kind)));
}
