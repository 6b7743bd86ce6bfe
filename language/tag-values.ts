// Allowed tag values: "… must be one of dev, staging or prod", "… must match ^CC-[0-9]{4}$",
// "only the values blue and green are allowed for the deployment tag".
import type { TagValuesParam } from "../engine/control.js";
import { hardBoundaryBefore, type EntityContext } from "./context.js";
import { isPartition } from "./lexicon.js";
import { rawSpan, wordEnd } from "./tokens.js";

const SKIPPABLE = new Set(["on", "in", "for", "of", "the", "a", "an", "all", "every", "each", "any", "our", "must", "should", "shall", "may", "can", "has", "have", "to", "only", "always", "value", "values", "its", "their", "it"]);
const VALUE_VERBS = new Set(["be", "is", "are", "equal", "equals", "set"]);
const PATTERN_VERBS = new Set(["match", "matches", "matching", "follow", "follows", "following", "like", "conform", "conforms"]);
const PATTERN_NOUNS = new Set(["to", "the", "a", "pattern", "regex", "regexp", "format", "glob", "expression", "regular"]);
const LIST_LEADS = new Set(["one", "of", "either", "in", "among", "from", "to"]);
const VALUE_STOPS = new Set(["not", "no", "never", "nor", "for", "on", "in", "when", "if", "except", "unless", "and", "or", "the", "a", "an", "are", "is", "allowed", "permitted", "must", "should", "may", "can", "only"]);

export interface ValuePredicate {
  value: Omit<TagValuesParam, "key">;
  start: number;
  end: number;
}

/** A glob ("CC-*") as an anchored regex; a regex ("^…", "…$") as written. */
export function patternAsRegex(pattern: string): string {
  if (pattern.startsWith("^") || pattern.endsWith("$")) return pattern;
  const body = [...pattern].map((ch) => (ch === "*" ? ".*" : ch === "?" ? "." : ch.replace(/[\\^$.|+()[\]{}]/g, "\\$&"))).join("");
  return `^${body}$`;
}

function valueWord(ctx: EntityContext, j: number): { raw: string; end: number } | null {
  const t = ctx.tokens[j];
  if (!t || ctx.out.consumed.has(j) || VALUE_STOPS.has(t.text) || ctx.kindAt.has(j) || isPartition(ctx.lexicon, t.text)) return null;
  const end = t.pattern ? j : wordEnd(ctx.tokens, j);
  return { raw: rawSpan(ctx.tokens, j, end), end };
}

/** "dev, staging or prod" starting at j. */
export function readValues(ctx: EntityContext, j: number): { values: string[]; end: number } | null {
  const first = valueWord(ctx, j);
  if (!first) return null;
  const values = [first.raw];
  let end = first.end;
  for (;;) {
    let k = end + 1;
    if (!ctx.tokens[k] || hardBoundaryBefore(ctx, k)) break;
    const comma = /,/.test(ctx.text.slice(ctx.tokens[end]?.end ?? 0, ctx.tokens[k]?.start ?? 0));
    if (ctx.tokens[k]?.text === "or" || ctx.tokens[k]?.text === "and") k++;
    else if (!comma) break;
    const next = valueWord(ctx, k);
    if (!next) break;
    values.push(next.raw);
    end = next.end;
  }
  return { values, end };
}

/** The predicate on a tag's value after position `from`, within the clause, or null. */
export function readValuePredicate(ctx: EntityContext, from: number): ValuePredicate | null {
  let j = from;
  while (j < ctx.tokens.length) {
    const t = ctx.tokens[j];
    if (!t || (j > from && hardBoundaryBefore(ctx, j))) return null;
    if (VALUE_VERBS.has(t.text)) {
      let k = j + 1;
      while (LIST_LEADS.has(ctx.tokens[k]?.text ?? "")) k++;
      const list = readValues(ctx, k);
      return list ? { value: { values: list.values }, start: from, end: list.end } : null;
    }
    if (PATTERN_VERBS.has(t.text)) {
      let k = j + 1;
      while (PATTERN_NOUNS.has(ctx.tokens[k]?.text ?? "") && !ctx.tokens[k]?.pattern) k++;
      const target = ctx.tokens[k];
      if (!target) return null;
      const end = target.pattern ? k : wordEnd(ctx.tokens, k);
      return { value: { pattern: patternAsRegex(rawSpan(ctx.tokens, k, end)) }, start: from, end };
    }
    if (!SKIPPABLE.has(t.text) && !ctx.kindAt.has(j) && !isPartition(ctx.lexicon, t.text) && t.text !== "look" && t.text !== "looks") return null;
    j++;
  }
  return null;
}

/** "only the values blue and green are allowed for the deployment tag". */
export function readValuesBefore(ctx: EntityContext): { param: TagValuesParam; start: number; end: number } | null {
  const at = ctx.tokens.findIndex((t, i) => (t.text === "values" || t.text === "value") && ctx.tokens.slice(Math.max(0, i - 2), i).some((p) => p.text === "only"));
  if (at < 0) return null;
  const list = readValues(ctx, at + 1);
  if (!list) return null;
  let k = list.end + 1;
  while (["are", "is", "allowed", "permitted", "accepted", "for", "on", "in", "the", "as"].includes(ctx.tokens[k]?.text ?? "")) k++;
  const key = ctx.tokens[k];
  if (!key) return null;
  const keyEnd = wordEnd(ctx.tokens, k);
  const after = ctx.tokens[keyEnd + 1]?.text;
  if (after !== "tag" && after !== "tags") return null;
  const start = ctx.tokens[at - 1]?.text === "only" ? at - 1 : at - 2;
  return { param: { key: rawSpan(ctx.tokens, k, keyEnd), values: list.values }, start, end: keyEnd + 1 };
}
