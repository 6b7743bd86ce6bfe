// The offline translator's vocabulary, built from a registry (kinds, controls, each domain's
// own words and services) plus the few function words every intent uses. Adding a kind,
// control or domain teaches it new words.
import { ANY_KIND } from "../engine/control.js";
import type { ParamAfter, ParamDefinition } from "../engine/domain.js";
import { REGISTRY, type Registry } from "../engine/registry.js";
import { NEUTRAL_NOT_COVERED } from "./out-of-scope.js";
import { phraseStems, stem } from "./tokens.js";

export interface Phrase {
  stems: string[];
  /** Words in the phrase: longer phrases are more specific. */
  weight: number;
  /**
   * For a phrase written with "…" ("acls … disabled"): how many stems come before the gap,
   * where a few function words may stand ("ACLs must be disabled").
   */
  gapAt?: number;
}

/** What may stand in the gap of a phrase written with "…": modals, be-verbs, negations, determiners. */
export const GAP_WORDS = new Set(["must", "should", "shall", "may", "can", "be", "been", "is", "are", "was", "were", "get", "stay", "remain", "kept", "always", "also", "only", "never", "not", "no", "all", "every", "each", "any", "the", "a", "an", "our", "their", "its", "to", "turned", "set", "with", "using", "via", "by", "for", "on", "in", "of", "have", "has", "fully", "properly", "explicitly", "strictly", "allow", "allows", "grant", "grants", "permit", "permits", "give", "gives", "let", "lets", "never", "ever"]);

export type Operation = "create" | "update" | "check-only" | "retire" | "exempt";

/**
 * Verbs that choose the lifecycle operation, matched on the words as written (so the nouns
 * "checks" and "flags" do not read as verbs); the first group that matches wins. Exemptions
 * are recognised by their own clause (see exemption.ts).
 */
export const LIFECYCLE_WORDS: ReadonlyArray<{ operation: Operation; words: readonly string[] }> = [
  { operation: "retire", words: ["retire", "decommission", "deactivate", "delete the policy", "remove the policy", "drop the policy", "delete the rule", "remove the rule", "drop the rule", "stop enforcing", "disable the policy", "disable the rule"] },
  { operation: "update", words: ["update", "modify", "change", "amend", "edit", "revise", "tighten", "extend", "existing"] },
  { operation: "check-only", words: ["validate", "check", "audit", "verify", "report", "assess", "scan", "detect", "find", "list", "show", "monitor", "flag", "which", "whether", "are there", "is there", "confirm", "identify", "review"] },
];

/** Verbs that ask for changes: "find public buckets and fix them" is not check-only. */
export const REMEDIATE_WORDS = new Set(["fix", "remediate", "repair", "correct", "enforce", "resolve"]);

/** Words that ask for enforcement (they do not change the operation, but are understood). */
export const ENFORCE_WORDS = ["ensure", "enforce", "require", "required", "requires", "make sure", "must", "should", "shall", "need", "needs", "fix", "remediate", "apply", "turn on", "enable", "prevent", "block", "disallow", "forbid", "deny", "restrict", "keep", "always", "guarantee", "mandate", "encrypt", "has to", "have to"];

/** Negations, for polarity: "do not change anything", "no bucket may be public". */
export const NEGATIONS = new Set(["not", "no", "never", "nobody", "none", "cannot", "without", "nothing", "neither", "nor"]);

/** Modal and requirement verbs: what follows them is required of the subject. */
export const REQUIREMENT_CUES = new Set(["must", "should", "shall", "need", "needs", "needed", "require", "requires", "required", "requiring", "has", "have", "having", "carry", "carries", "carrying", "bear", "without", "missing", "lack", "lacks", "lacking", "enforce", "mandate", "mandatory"]);

/** Words that introduce the rejected alternative ("SSE-KMS rather than SSE-S3", "templates instead of configurations"). */
export const CONTRASTS: readonly (readonly string[])[] = [["rather", "than"], ["instead", "of"], ["as", "opposed", "to"]];

/** Function words and generic nouns carrying no policy meaning of their own; each domain adds its own (`fillerWords`). */
const NEUTRAL_FILLER_WORDS: readonly string[] = [
    "a", "an", "the", "all", "any", "every", "each", "our", "my", "your", "their", "its", "it", "of", "on", "in", "into", "at", "to", "for", "from", "by", "with", "within", "across", "and", "or", "nor", "but", "are", "is", "be", "been", "being", "was", "were", "have", "has", "having", "had", "do", "does", "did", "that", "which", "who", "whose", "this", "these", "those", "there", "so", "as", "than", "then", "we", "us", "i", "you", "they", "them", "please", "cloud", "resource", "resources", "rule", "rules", "policy", "policies", "control", "controls", "setting", "settings", "configured", "configuration", "enabled", "turned", "on", "set", "up", "no", "not", "never", "none", "may", "can", "cannot", "will", "would", "could", "only", "also", "too", "both", "sure", "make", "get", "got", "properly", "correctly", "always", "currently", "now", "new", "old", "anymore", "using", "use", "uses", "used", "via", "through", "where", "when", "if", "else", "whether", "just", "still", "against", "about", "like", "such", "other", "more", "than", "least", "everything", "anything", "nothing", "everywhere", "one", "per", "nobody", "noone", "anyone", "except", "excluding", "exclude", "unless", "besides", "key", "keys", "id", "value", "allow", "allowed", "allowing", "permit", "tcp", "udp", "protocol", "traffic", "tagged", "tag", "tags", "named", "called", "requirement", "requirements", "true", "false", "well", "own", "let", "able", "stay", "remain", "ever", "anywhere", "need", "needs", "must", "should", "shall", "require", "required", "ensure", "enforce", "over", "beyond", "several",
];

function toPhrases(words: readonly string[]): Phrase[] {
  return words.map((w): Phrase => {
    const [before, after] = w.split(/\s*(?:…|\.\.\.)\s*/);
    const head = phraseStems(before ?? "");
    if (after === undefined) return { stems: head, weight: head.length };
    const stems = [...head, ...phraseStems(after)];
    return { stems, weight: stems.length, gapAt: head.length };
  }).sort((a, b) => b.weight - a.weight);
}

export interface KindLexeme {
  kind: string;
  service: string;
  domain: string;
  phrases: Phrase[];
}

export interface ControlLexeme {
  control: string;
  kind: string;
  phrases: Phrase[];
}

/** What the parser knows of one registry; built once per registry (see {@link lexiconOf}). */
export interface Lexicon {
  registry: Registry;
  kinds: readonly KindLexeme[];
  /** Every kind phrase, heaviest first (ties keep catalogue order). */
  kindCandidates: ReadonlyArray<{ kind: string; domain: string; phrase: Phrase }>;
  controls: readonly ControlLexeme[];
  /** Every control phrase by its first stem, so matching looks only at phrases that can start at a token. */
  controlsByFirstStem: ReadonlyMap<string, ReadonlyArray<{ control: string; phrase: Phrase }>>;
  /** Phrases that name only a service ("s3", "auto scaling"), as joined stems: too generic to pick a kind when a specific one is named. */
  servicePhrases: ReadonlySet<string>;
  /** Words that name a domain itself ("aws"). */
  domainPhrases: ReadonlyArray<{ domain: string; phrase: Phrase }>;
  /** File names or suffixes only one domain reads ("*.tf"). */
  files: ReadonlyArray<{ domain: string; suffix: string }>;
  /** Subjects no registered domain covers, as stems: a neutral list plus each domain's own, minus any word a domain uses. */
  outOfScope: readonly string[][];
  /** Every covered service's display name, in domain then catalogue order ("S3", "Auto Scaling"). */
  serviceTitles: readonly string[];
  /** Stems of words carrying no policy meaning: the neutral ones and every domain's. */
  fillers: ReadonlySet<string>;
  /** Phrases that contain a kind word without naming the kind ("server-side encryption"), from every domain. */
  notKindPhrases: readonly Phrase[];
  /** How the domains write partitions ("us-east-1"). */
  partitions: readonly RegExp[];
  /** How the domains write resource ids ("sg-0abc…"). */
  resourceIds: readonly RegExp[];
  /** The params whose values the domains declare recognisers for (see ParamDefinition), as the parser reads them. */
  valueTokens: ReadonlyArray<{ param: ParamDefinition["name"]; token: RegExp }>;
  valuePhrases: ReadonlyArray<{ param: ParamDefinition["name"]; values: ReadonlyArray<{ value: string; phrases: readonly string[][] }> }>;
  valuesAfter: ReadonlyArray<{ param: ParamDefinition["name"]; after: ParamAfter }>;
}

function buildLexicon(registry: Registry): Lexicon {
  const kinds = registry.kinds.map((k): KindLexeme => ({ kind: k.name, service: k.service, domain: registry.domainOfKind(k.name)?.name ?? "", phrases: toPhrases(k.words) }));
  const controls = registry.controls.map((c): ControlLexeme => ({ control: c.id, kind: c.kind, phrases: toPhrases(c.words) }));
  const controlsByFirstStem = new Map<string, Array<{ control: string; phrase: Phrase }>>();
  for (const lexeme of controls) {
    for (const phrase of lexeme.phrases) {
      const first = phrase.stems[0];
      if (first !== undefined) controlsByFirstStem.set(first, [...(controlsByFirstStem.get(first) ?? []), { control: lexeme.control, phrase }]);
    }
  }
  const services = registry.domains.flatMap((d) => d.services ?? []);
  const domainPhrases = registry.domains.flatMap((d) => toPhrases(d.words ?? []).map((phrase) => ({ domain: d.name, phrase })));
  // A subject some domain names (its kind, service or own words) is in scope, whichever list holds it.
  const used = new Set([...kinds.flatMap((k) => k.phrases), ...services.flatMap((s) => toPhrases(s.words)), ...domainPhrases.map((d) => d.phrase)].map((p) => p.stems.join(" ")));
  const foreign = [...NEUTRAL_NOT_COVERED, ...registry.domains.flatMap((d) => d.notCovered ?? [])].map(phraseStems);
  return {
    registry,
    kinds,
    kindCandidates: kinds.flatMap((k) => k.phrases.map((phrase) => ({ kind: k.kind, domain: k.domain, phrase }))).sort((a, b) => b.phrase.weight - a.phrase.weight),
    controls,
    controlsByFirstStem,
    servicePhrases: new Set(services.flatMap((s) => s.words.map((w) => phraseStems(w).join(" ")))),
    domainPhrases,
    files: registry.domains.flatMap((d) => (d.files ?? []).map((f) => ({ domain: d.name, suffix: f.replace(/^\*/, "").toLowerCase() }))),
    outOfScope: foreign.filter((stems, i) => !used.has(stems.join(" ")) && foreign.findIndex((o) => o.join(" ") === stems.join(" ")) === i),
    serviceTitles: services.map((s) => s.title),
    fillers: new Set([...NEUTRAL_FILLER_WORDS, ...registry.domains.flatMap((d) => d.fillerWords ?? [])].map(stem)),
    notKindPhrases: toPhrases(registry.domains.flatMap((d) => d.notKindPhrases ?? [])),
    partitions: registry.domains.flatMap((d) => (d.partitionPattern ? [d.partitionPattern] : [])),
    resourceIds: registry.domains.flatMap((d) => (d.idPattern ? [d.idPattern] : [])),
    valueTokens: registry.params.flatMap((p) => (p.token ? [{ param: p.name, token: p.token }] : [])),
    valuePhrases: registry.params.flatMap((p) => (p.phrases ? [{ param: p.name, values: Object.entries(p.phrases).map(([value, phrases]) => ({ value, phrases: phrases.map(phraseStems) })) }] : [])),
    valuesAfter: registry.params.flatMap((p) => (p.after ? [{ param: p.name, after: p.after }] : [])),
  };
}

const built = new WeakMap<Registry, Lexicon>();

/** The lexicon of a registry (the one tools/index.ts lists by default). */
export function lexiconOf(registry: Registry = REGISTRY): Lexicon {
  let lexicon = built.get(registry);
  if (!lexicon) {
    lexicon = buildLexicon(registry);
    built.set(registry, lexicon);
  }
  return lexicon;
}

/** The token is a partition some domain names ("us-east-1"). */
export function isPartition(lexicon: Lexicon, text: string): boolean {
  return lexicon.partitions.some((re) => re.test(text));
}

/** The token is a param value some domain recognises by its form ("alias/data"). */
export function isValueToken(lexicon: Lexicon, text: string): boolean {
  return lexicon.valueTokens.some((v) => v.token.test(text));
}

/** The domain a control belongs to ("" for the any-kind controls every domain shares). */
export function domainOfControl(lexicon: Lexicon, kind: string): string {
  return kind === ANY_KIND ? "" : (lexicon.kinds.find((k) => k.kind === kind)?.domain ?? "");
}

export const KIND_LEXICON: readonly KindLexeme[] = lexiconOf().kinds;
/** The built-in registry's filler stems (the parser reads its own registry's: `lexicon.fillers`). */
export const FILLER_WORDS: ReadonlySet<string> = lexiconOf().fillers;
export const CONTROL_LEXICON: readonly ControlLexeme[] = lexiconOf().controls;
export const LIFECYCLE_LEXICON = LIFECYCLE_WORDS.map((g) => ({ operation: g.operation, phrases: g.words.map((w) => w.split(" ")) }));
export const ENFORCE_LEXICON = toPhrases(ENFORCE_WORDS);
