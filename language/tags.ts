// Tag mentions: "tagged env=prod" (scope), "must be tagged owner and cost-center" (required
// tags), "the env tag must be one of dev or prod" (allowed values), "except tagged k=v"
// (exclusion) and "exempt … tagged k=v" (exemption targets).
import { addEvidence, consume, consumeContent, followsRequirementCue, hardBoundaryBefore, isExceptContext, type EntityContext } from "./context.js";
import { isPartition, isValueToken, REQUIREMENT_CUES } from "./lexicon.js";
import { readValuePredicate, readValuesBefore } from "./tag-values.js";
import { wordEnd, rawSpan } from "./tokens.js";

const TAG_WORDS = new Set(["tag", "tags", "label", "labels"]);
const TAGGED_WORDS = new Set(["tagged", "labelled", "labeled"]);
const PAIR_RE = /^([a-z0-9_.:/-]+?)(=|:)([a-z0-9_.:/*-]*)$/i;
const NOT_KEYS = new Set(["with", "as", "by", "the", "a", "an", "any", "every", "all", "and", "or", "on", "in", "for", "of", "to", "that", "this", "these", "those", "their", "its", "required", "mandatory", "missing", "following", "same", "proper", "valid", "correct", "value", "values", "key", "keys", "named", "called", "only", "be", "is", "are", "must", "should"]);

interface TagItem {
  key: string;
  value: string | null;
}

interface Mention {
  items: TagItem[];
  start: number;
  end: number;
  /** Where the key list begins (the verb "tagged" / "tag" comes before it). */
  listStart: number;
}

function startOfSentence(ctx: EntityContext, i: number): boolean {
  return i === 0 || hardBoundaryBefore(ctx, i);
}

/** One key or key=value word at i, or null; returns the item and the last token it spans. */
function readItem(ctx: EntityContext, i: number): { item: TagItem; end: number } | null {
  const t = ctx.tokens[i];
  if (!t || ctx.out.consumed.has(i) || t.pattern || isPartition(ctx.lexicon, t.text) || isValueToken(ctx.lexicon, t.text) || t.text.startsWith("arn:")) return null;
  const pair = PAIR_RE.exec(t.raw);
  if (pair?.[1] && pair[3] !== undefined && pair[2] === "=") return { item: { key: pair[1], value: pair[3] === "" || pair[3] === "*" ? null : pair[3] }, end: i };
  const end = wordEnd(ctx.tokens, i);
  if (NOT_KEYS.has(t.text) || REQUIREMENT_CUES.has(t.text) || ctx.kindAt.has(i) || /^\d+$/.test(t.text)) return null;
  if (!/^[a-z][\w.:/-]*$/i.test(t.raw)) return null;
  const raw = rawSpan(ctx.tokens, i, end);
  return { item: { key: startOfSentence(ctx, i) ? raw.toLowerCase() : raw, value: null }, end };
}

/** "owner, app and env" / "team and service" after position i. */
function readList(ctx: EntityContext, i: number): { items: TagItem[]; end: number } | null {
  const first = readItem(ctx, i);
  if (!first) return null;
  const items = [first.item];
  let end = first.end;
  for (;;) {
    let j = end + 1;
    const comma = /,/.test(ctx.text.slice(ctx.tokens[end]?.end ?? 0, ctx.tokens[j]?.start ?? 0));
    if (ctx.tokens[j]?.text === "and" || ctx.tokens[j]?.text === "or") j++;
    else if (!comma) break;
    const next = readItem(ctx, j);
    if (!next || TAG_WORDS.has(ctx.tokens[j]?.text ?? "")) break;
    items.push(next.item);
    end = next.end;
  }
  return { items, end };
}

/** "tagged [with] LIST", "tag(s) LIST", "with tag LIST", or a bare "k=v". */
function forwardMention(ctx: EntityContext, i: number): Mention | null {
  const t = ctx.tokens[i];
  if (!t) return null;
  if (TAGGED_WORDS.has(t.text) || TAG_WORDS.has(t.text) || (t.text === "tag" && startOfSentence(ctx, i))) {
    let j = i + 1;
    if (ctx.tokens[j]?.text === "with") j++;
    if (TAG_WORDS.has(ctx.tokens[j]?.text ?? "")) j++;
    if (ctx.tokens[j]?.text === "named" || ctx.tokens[j]?.text === "key") j++;
    const list = readList(ctx, j);
    if (!list) return null;
    return { items: list.items, start: i, end: list.end, listStart: j };
  }
  const pair = PAIR_RE.exec(t.raw);
  if (pair && pair[2] === "=" && !t.text.startsWith("arn:")) {
    const item = readItem(ctx, i);
    if (item) return { items: [item.item], start: i, end: i, listStart: i };
  }
  return null;
}

/** "an owner tag", "cost-center and owner tags": keys written before the word "tag". */
function backwardMention(ctx: EntityContext, i: number): Mention | null {
  if (!TAG_WORDS.has(ctx.tokens[i]?.text ?? "")) return null;
  const items: TagItem[] = [];
  let k = i - 1;
  let start = i;
  for (;;) {
    let s = k;
    while (s > 0 && ctx.tokens[s]?.joined) s--;
    const item = s >= 0 && wordEnd(ctx.tokens, s) === k ? readItem(ctx, s) : null;
    if (!item) break;
    items.unshift(item.item);
    start = s;
    if (ctx.tokens[s - 1]?.text === "and" || ctx.tokens[s - 1]?.text === "or") k = s - 2;
    else break;
  }
  if (items.length === 0) return null;
  return { items, start, end: i, listStart: start };
}

function record(target: Record<string, string | null>, items: readonly TagItem[]): void {
  for (const { key, value } of items) target[key] = value;
}

/** Files one mention where it belongs. */
function place(ctx: EntityContext, m: Mention): void {
  const { out } = ctx;
  consume(out, m.start, m.end);
  if (out.exemption) return record(out.exemption.tags, m.items);
  if (isExceptContext(ctx, m.start)) return record(out.excludeTags, m.items);
  // Only "the env tag …" has a value predicate; "buckets tagged owner must be encrypted" does not.
  const nounForm = TAG_WORDS.has(ctx.tokens[m.start]?.text ?? "") || TAG_WORDS.has(ctx.tokens[m.end]?.text ?? "");
  const single = m.items.length === 1 && m.items[0]?.value === null;
  const predicate = nounForm && single ? readValuePredicate(ctx, m.end + 1) : null;
  if (predicate && m.items[0]) {
    out.tagValues = { key: m.items[0].key, ...predicate.value };
    consumeContent(ctx, predicate.start, predicate.end);
    addEvidence(out, "tagValues", m.start, predicate.end);
    return;
  }
  const imperative = ctx.tokens[m.start]?.text === "tag" && startOfSentence(ctx, m.start);
  if (imperative || followsRequirementCue(ctx, m.start)) {
    out.requiredTags = { ...out.requiredTags };
    record(out.requiredTags, m.items);
    addEvidence(out, "tags", m.start, m.end);
    return;
  }
  record(out.tags, m.items);
}

/** "Tag every EBS snapshot with owner": the imperative verb, its object, then the keys. */
function imperativeTag(ctx: EntityContext): Mention | null {
  const first = ctx.tokens.findIndex((t) => !ctx.lexicon.fillers.has(t.stem) || t.text === "tag");
  if (ctx.tokens[first]?.text !== "tag") return null;
  const withAt = ctx.tokens.findIndex((t, k) => k > first && t.text === "with");
  if (withAt < 0) return null;
  const list = readList(ctx, withAt + 1);
  if (!list) return null;
  consume(ctx.out, first);
  return { items: list.items, start: withAt, end: list.end, listStart: withAt + 1 };
}

export function recogniseTags(ctx: EntityContext): void {
  const imperative = imperativeTag(ctx);
  if (imperative) {
    consume(ctx.out, imperative.start, imperative.end);
    ctx.out.requiredTags = { ...ctx.out.requiredTags };
    record(ctx.out.requiredTags, imperative.items);
    addEvidence(ctx.out, "tags", imperative.start, imperative.end);
  }
  const valuesFirst = readValuesBefore(ctx);
  if (valuesFirst) {
    ctx.out.tagValues = valuesFirst.param;
    consumeContent(ctx, valuesFirst.start, valuesFirst.end);
    addEvidence(ctx.out, "tagValues", valuesFirst.start, valuesFirst.end);
  }
  for (let i = 0; i < ctx.tokens.length; i++) {
    if (ctx.out.consumed.has(i)) continue;
    const m = backwardMention(ctx, i) ?? forwardMention(ctx, i);
    if (!m) continue;
    place(ctx, m);
    i = m.end;
  }
}
