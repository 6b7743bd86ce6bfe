// What the entity recognisers share: the entities they fill, the tokens they read, and small
// helpers for the structure around a token (except-clauses, requirement cues, clause edges).
import type { ControlParams, TagValuesParam } from "../engine/control.js";
import { isPartition, REQUIREMENT_CUES, type Lexicon } from "./lexicon.js";
import type { Token } from "./tokens.js";

/** A documented exception the intent asks for ("exempt bucket x from … until …, reason: …"). */
export interface ExemptionEntity {
  names: string[];
  tags: Record<string, string | null>;
  /** Last day it applies, YYYY-MM-DD. */
  until: string | null;
  reason: string | null;
  owner: string | null;
}

export interface PortRange {
  from: number;
  to: number;
}

export interface Entities {
  regions: string[];
  tags: Record<string, string | null>;
  names: string[];
  excludeTags: Record<string, string | null>;
  excludeNames: string[];
  excludeRegions: string[];
  ports: number[];
  portRanges: PortRange[];
  /** "all ports", "0-65535": every port, which the all-ports controls cover. */
  allPorts: boolean;
  /** Ports named by service ("SSH", "MySQL"); they count only where no control phrase uses the word. */
  namedPorts: Array<{ port: number; start: number; end: number }>;
  /** Canonical phrases standing in for what the intent wrote ("0-65535" → "all ports"). */
  concepts: Array<{ phrase: string; start: number; end: number }>;
  days?: number;
  count?: number;
  prefixLength?: number;
  /**
   * What the domains' declared recognisers found (a token's text, the values phrases named, a
   * value after a lead), by param name: each param's `recognise` reads its own.
   */
  values: Partial<Record<keyof ControlParams, string | string[]>>;
  /** Tags the intent requires resources to carry (not scope: "must be tagged owner"). */
  requiredTags?: Record<string, string | null>;
  tagValues?: TagValuesParam;
  namePattern?: string;
  /** Control ids written literally ("the ec2.max-age rule"). */
  controlRefs: string[];
  exemption: ExemptionEntity | null;
  /** Token positions that carry each recognised parameter, for scoring controls that take it. */
  evidence: Partial<Record<keyof ControlParams, number[]>>;
  /** Token positions the recognisers used. */
  consumed: Set<number>;
}

export interface EntityContext {
  tokens: readonly Token[];
  /** The normalised text the token offsets refer to. */
  text: string;
  /** Positions of tokens inside a kind phrase ("buckets", "security group"). */
  kindAt: ReadonlySet<number>;
  /** The registry's vocabulary: partitions, resource ids, fillers and the domains' value recognisers. */
  lexicon: Lexicon;
  out: Entities;
}

export function emptyEntities(): Entities {
  return { regions: [], tags: {}, names: [], excludeTags: {}, excludeNames: [], excludeRegions: [], ports: [], portRanges: [], allPorts: false, namedPorts: [], concepts: [], values: {}, controlRefs: [], exemption: null, evidence: {}, consumed: new Set() };
}

const EXCEPT_WORDS = new Set(["except", "excluding", "exclude", "unless", "but", "other", "outside", "excepting", "besides", "skip", "skipping", "ignore", "ignoring", "apart"]);

export function consume(out: Entities, from: number, to: number = from): void {
  for (let k = from; k <= to; k++) out.consumed.add(k);
}

/** Consumes a predicate's words but leaves the kind words inside it ("on buckets") to name kinds. */
export function consumeContent(ctx: EntityContext, from: number, to: number): void {
  for (let k = from; k <= to; k++) if (!ctx.kindAt.has(k)) ctx.out.consumed.add(k);
}

export function addEvidence(out: Entities, param: keyof ControlParams, from: number, to: number = from): void {
  const list = out.evidence[param] ?? [];
  for (let k = from; k <= to; k++) list.push(k);
  out.evidence[param] = list;
}

/** The gap between token i-1 and token i, as written ("", ", ", "; "). */
export function gapBefore(ctx: Pick<EntityContext, "tokens" | "text">, i: number): string {
  const prev = ctx.tokens[i - 1];
  const t = ctx.tokens[i];
  if (!prev || !t) return "";
  return ctx.text.slice(prev.end, t.start);
}

/** A sentence edge (. ; : ! ?) lies between token i-1 and token i. */
export function hardBoundaryBefore(ctx: Pick<EntityContext, "tokens" | "text">, i: number): boolean {
  return /[.;:!?]/.test(gapBefore(ctx, i));
}

/** Inside an "except …" / "but skip …" clause. */
export function isExceptContext(ctx: EntityContext, index: number): boolean {
  const { tokens } = ctx;
  for (let i = index - 1; i >= 0; i--) {
    const t = tokens[i];
    if (!t) break;
    if (EXCEPT_WORDS.has(t.text) && !(t.text === "other" && tokens[i + 1]?.text !== "than")) return true;
    if (t.text === "only" || (t.text === "in" && i < index - 1) || hardBoundaryBefore(ctx, i)) return false;
  }
  return false;
}

/**
 * True when, reading back from `index`, a requirement cue ("must", "needs", "without") comes
 * before the subject's kind word: "buckets must be tagged owner" (a requirement) versus
 * "buckets tagged env=prod must …" (scope).
 */
export function followsRequirementCue(ctx: EntityContext, index: number): boolean {
  for (let i = index - 1; i >= 0; i--) {
    const t = ctx.tokens[i];
    if (!t) break;
    if (ctx.kindAt.has(i)) return false;
    if (REQUIREMENT_CUES.has(t.text)) return true;
    if (hardBoundaryBefore(ctx, i)) return false;
  }
  return false;
}

/** A word that could be a resource name, tag key or value: has a dash, dot, underscore or digit, and is no partition. */
export function nameLike(ctx: Pick<EntityContext, "lexicon">, raw: string): boolean {
  return /[-_.\d*]/.test(raw) && /[a-z0-9]/i.test(raw) && !isPartition(ctx.lexicon, raw.toLowerCase());
}
