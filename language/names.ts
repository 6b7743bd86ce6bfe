// Names: the scope ("buckets named prod-*", "the finance-* buckets", "except www-assets") and
// the naming-convention requirement ("bucket names must start with acme-").
import { addEvidence, consume, consumeContent, hardBoundaryBefore, isExceptContext, nameLike, type EntityContext } from "./context.js";
import { isPartition } from "./lexicon.js";
import { rawSpan, wordEnd } from "./tokens.js";

type Shape = "prefix" | "suffix" | "contains" | "match";

const PREDICATES: Readonly<Record<string, Shape>> = {
  start: "prefix", starts: "prefix", begin: "prefix", begins: "prefix", prefixed: "prefix",
  end: "suffix", ends: "suffix", suffixed: "suffix",
  contain: "contains", contains: "contains", include: "contains", includes: "contains",
  match: "match", matches: "match", follow: "match", follows: "match", like: "match", conform: "match", conforms: "match",
};
const SKIP_TO_PREDICATE = new Set(["of", "the", "all", "every", "each", "in", "on", "must", "should", "shall", "has", "have", "to", "always", "be", "look", "looks", "only", "our", "their", "its"]);
const SKIP_TO_TARGET = new Set(["with", "in", "by", "the", "a", "pattern", "to", "regex", "glob", "format", "convention", "after", "according", "following", "matching", "like", "string", "prefix", "suffix"]);
const SCOPE_NAME_WORDS = new Set(["named", "called", "name", "names", "prefixed", "prefix"]);
const SCOPE_FILLERS = new Set(["the", "a", "an", "those", "that", "is", "with", "whose", "starts", "start", "starting", "begins", "beginning", "by"]);

/** The glob a shape and a written pattern make; a regex stays as written. */
function shapePattern(shape: Shape, written: string): string {
  if (written.startsWith("^") || written.endsWith("$") || (written.startsWith("/") && written.endsWith("/"))) return written;
  const core = written.replace(/^\*+|\*+$/g, "");
  if (shape === "prefix") return `${core}*`;
  if (shape === "suffix") return `*${core}`;
  if (shape === "contains") return `*${core}*`;
  return written;
}

function targetAt(ctx: EntityContext, k: number): { raw: string; end: number } | null {
  const t = ctx.tokens[k];
  if (!t || ctx.out.consumed.has(k)) return null;
  const end = t.pattern ? k : wordEnd(ctx.tokens, k);
  return { raw: rawSpan(ctx.tokens, k, end).replace(/^["'`]|["'`]$/g, ""), end };
}

/** "names must start with acme-", "be named after the pattern app-*". */
function requirementAt(ctx: EntityContext, i: number): boolean {
  const t = ctx.tokens[i];
  if (!t || ctx.out.consumed.has(i)) return false;
  let j = i + 1;
  let shape: Shape | undefined;
  if (t.text === "named" || t.text === "called") {
    if (ctx.tokens[i - 1]?.text !== "be") return false;
    shape = "match";
  } else if (t.text === "name" || t.text === "names") {
    if (["whose", "with", "where"].includes(ctx.tokens[i - 1]?.text ?? "")) return false;
    while (j < ctx.tokens.length && !hardBoundaryBefore(ctx, j)) {
      const w = ctx.tokens[j];
      if (!w) break;
      shape = PREDICATES[w.text];
      if (shape) break;
      if (!SKIP_TO_PREDICATE.has(w.text) && !ctx.kindAt.has(j) && !isPartition(ctx.lexicon, w.text)) return false;
      j++;
    }
    if (!shape) return false;
    j++;
  } else return false;
  if (ctx.tokens[j]?.text === "starting" || ctx.tokens[j]?.text === "beginning") shape = "prefix";
  while (SKIP_TO_TARGET.has(ctx.tokens[j]?.text ?? "") && !ctx.tokens[j]?.pattern) j++;
  const target = targetAt(ctx, j);
  if (!target) return false;
  ctx.out.namePattern = shapePattern(shape, target.raw);
  consumeContent(ctx, i, target.end);
  addEvidence(ctx.out, "namePattern", i, target.end);
  return true;
}

function placeName(ctx: EntityContext, at: number, pattern: string): void {
  if (ctx.out.exemption) ctx.out.exemption.names.push(pattern);
  else if (isExceptContext(ctx, at)) ctx.out.excludeNames.push(pattern);
  else ctx.out.names.push(pattern);
}

/** "named web-*", "called x", "with names starting with logs-". */
function scopeNameAt(ctx: EntityContext, i: number): boolean {
  const t = ctx.tokens[i];
  if (!t || ctx.out.consumed.has(i) || !SCOPE_NAME_WORDS.has(t.text)) return false;
  let j = i + 1;
  while (j < ctx.tokens.length && SCOPE_FILLERS.has(ctx.tokens[j]?.text ?? "")) j++;
  const target = targetAt(ctx, j);
  if (!target || ctx.kindAt.has(j) || !/[a-z0-9]/i.test(target.raw)) return false;
  const prefixMode = ctx.tokens.slice(Math.max(0, i - 2), j).some((x) => /^(start|starting|starts|begin|begins|beginning|prefixed|prefix)$/.test(x.text));
  placeName(ctx, i, prefixMode && !target.raw.includes("*") ? `${target.raw}*` : target.raw);
  consume(ctx.out, i, target.end);
  return true;
}

/** A glob right before a kind word: "the finance-* buckets". */
function globBeforeKind(ctx: EntityContext, i: number): boolean {
  const t = ctx.tokens[i];
  if (!t || ctx.out.consumed.has(i) || !t.raw.includes("*") || !ctx.kindAt.has(i + 1)) return false;
  placeName(ctx, i, t.raw);
  consume(ctx.out, i);
  return true;
}

/** Bare names where only names make sense: after "except", or the resources an exemption names. */
function bareName(ctx: EntityContext, i: number): boolean {
  const t = ctx.tokens[i];
  if (!t || ctx.out.consumed.has(i) || ctx.kindAt.has(i) || t.joined) return false;
  const end = wordEnd(ctx.tokens, i);
  const raw = rawSpan(ctx.tokens, i, end);
  if (!nameLike(ctx, raw) || /^\d+$/.test(raw)) return false;
  const besideKind = ctx.kindAt.has(i - 1) || ctx.kindAt.has(end + 1);
  const wanted = ctx.out.exemption !== null ? besideKind || ctx.lexicon.resourceIds.some((re) => re.test(raw)) : isExceptContext(ctx, i);
  if (!wanted) return false;
  placeName(ctx, i, raw);
  consume(ctx.out, i, end);
  return true;
}

export function recogniseNames(ctx: EntityContext): void {
  for (let i = 0; i < ctx.tokens.length; i++) requirementAt(ctx, i);
  for (let i = 0; i < ctx.tokens.length; i++) scopeNameAt(ctx, i) || globBeforeKind(ctx, i);
  for (let i = 0; i < ctx.tokens.length; i++) bareName(ctx, i);
}
