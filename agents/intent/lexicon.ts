// The offline translator's vocabulary, built from the kind and control registries plus the
// few function words every intent uses. Adding a kind or control teaches it new words.
import { CONTROLS } from "../../policy/controls/index.js";
import { KINDS } from "../../policy/kinds/index.js";
import { phraseStems, stem } from "./tokens.js";

export interface Phrase {
  stems: string[];
  /** Words in the phrase: longer phrases are more specific. */
  weight: number;
}

export type Operation = "create" | "update" | "check-only" | "retire";

/** Verbs that choose the lifecycle operation; the first group that matches wins. */
export const LIFECYCLE_WORDS: ReadonlyArray<{ operation: Operation; words: readonly string[] }> = [
  { operation: "retire", words: ["retire", "decommission", "deactivate", "delete the policy", "remove the policy", "drop the policy", "stop enforcing"] },
  { operation: "update", words: ["update", "modify", "change", "amend", "edit", "revise", "tighten", "extend", "existing"] },
  { operation: "check-only", words: ["validate", "check", "audit", "verify", "report", "assess", "scan", "detect", "find", "list", "show", "monitor", "flag", "which", "whether", "are there", "is there", "confirm"] },
];

/** Words that ask for enforcement (they do not change the operation, but are understood). */
export const ENFORCE_WORDS = ["ensure", "enforce", "require", "required", "make sure", "must", "should", "shall", "need", "needs", "fix", "remediate", "apply", "turn on", "enable", "prevent", "block", "disallow", "forbid", "deny", "restrict", "keep", "always", "guarantee", "mandate", "encrypt"];

/** Function words and generic nouns carrying no policy meaning of their own. */
export const FILLER_WORDS = new Set(
  [
    "a", "an", "the", "all", "any", "every", "each", "our", "my", "your", "their", "its", "it", "of", "on", "in", "into", "at", "to", "for", "from", "by", "with", "within", "across", "and", "or", "nor", "but", "are", "is", "be", "been", "being", "was", "were", "have", "has", "having", "had", "do", "does", "did", "that", "which", "who", "whose", "this", "these", "those", "there", "so", "as", "than", "then", "we", "us", "i", "you", "they", "them", "please", "aws", "amazon", "cloud", "account", "accounts", "resource", "resources", "rule", "rules", "policy", "policies", "control", "controls", "setting", "settings", "configured", "configuration", "enabled", "turned", "on", "set", "up", "no", "not", "never", "none", "may", "can", "cannot", "will", "would", "could", "only", "also", "too", "both", "region", "regions", "sure", "make", "get", "got", "properly", "correctly", "always", "currently", "now", "new", "old", "anymore", "using", "use", "uses", "via", "through", "where", "when", "if", "else", "whether", "just", "still", "against", "about", "like", "such", "other", "more", "than", "least", "everything", "anything", "nothing", "everywhere", "one", "per", "nobody", "noone", "anyone", "except", "excluding", "exclude", "unless", "besides", "key", "keys", "id", "value", "allow", "allowed", "allowing", "permit", "tcp", "udp", "protocol", "traffic", "tagged", "tag", "tags", "named", "called",
  ].map(stem),
);

function toPhrases(words: readonly string[]): Phrase[] {
  return words.map((w) => {
    const stems = phraseStems(w);
    return { stems, weight: stems.length };
  }).sort((a, b) => b.weight - a.weight);
}

export interface KindLexeme {
  kind: string;
  service: string;
  phrases: Phrase[];
}

export interface ControlLexeme {
  control: string;
  kind: string;
  phrases: Phrase[];
}

/** Phrases that contain a kind word without naming the kind ("server-side encryption"). */
export const NOT_KIND_PHRASES: readonly Phrase[] = toPhrases(["server side", "server-side", "client side", "client-side", "host name", "hostname"]);

/** Words that name only a service, too generic to pick a kind when a specific one is named. */
export const SERVICE_WORDS = new Set(["s3", "ec2", "ebs", "efs", "autoscaling"].map(stem));

export const KIND_LEXICON: readonly KindLexeme[] = KINDS.map((k) => ({ kind: k.name, service: k.service, phrases: toPhrases(k.words) }));
export const CONTROL_LEXICON: readonly ControlLexeme[] = CONTROLS.map((c) => ({ control: c.id, kind: c.kind, phrases: toPhrases(c.words) }));
export const LIFECYCLE_LEXICON = LIFECYCLE_WORDS.map((g) => ({ operation: g.operation, phrases: toPhrases(g.words) }));
export const ENFORCE_LEXICON = toPhrases(ENFORCE_WORDS);

/** Every stem some kind uses, so entity recognisers do not mistake kind words for names. */
export const KIND_STEMS: ReadonlySet<string> = new Set(KIND_LEXICON.flatMap((k) => k.phrases.flatMap((p) => p.stems)));
