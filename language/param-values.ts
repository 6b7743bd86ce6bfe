// Param values the domains declare how to find (ParamDefinition's `phrases` and `after`; `token`
// is read with the other literals in entities.ts): one recogniser each, for every domain's params.
import type { ParamAfter } from "../engine/domain.js";
import { addEvidence, consume, hardBoundaryBefore, nameLike, type EntityContext } from "./context.js";
import { findPhrase, rawSpan, wordEnd } from "./tokens.js";

/** "block public acls and restrict public buckets" → the values those phrases name, in declaration order. */
export function recogniseValuePhrases(ctx: EntityContext): void {
  for (const { param, values } of ctx.lexicon.valuePhrases) {
    const named = new Set<string>();
    for (const { value, phrases } of values) {
      for (const stems of phrases) {
        for (const start of findPhrase(ctx.tokens, stems, ctx.out.consumed)) {
          named.add(value);
          consume(ctx.out, start, start + stems.length - 1);
          addEvidence(ctx.out, param, start, start + stems.length - 1);
        }
      }
    }
    if (named.size > 0) ctx.out.values[param] = values.map((v) => v.value).filter((v) => named.has(v));
  }
}

/** One of the spec's verbs stands at or before i, within i's sentence. */
function verbClause(ctx: EntityContext, verbs: ReadonlySet<string>, i: number): boolean {
  for (let k = i; k >= 0; k--) {
    if (verbs.has(ctx.tokens[k]?.text ?? "") || verbs.has(ctx.tokens[k]?.stem ?? "")) return true;
    if (hardBoundaryBefore(ctx, k)) return false;
  }
  return false;
}

/** The value after the lead at `lead`, as written, and the last token it spans. */
function valueAfter(ctx: EntityContext, spec: ParamAfter, lead: number): { raw: string; end: number } | null {
  let vouched = false;
  const skip = new Set([...(spec.skip ?? []), ...(spec.nouns ?? [])]);
  const nouns = new Set(spec.nouns ?? []);
  let j = lead + 1;
  while (skip.has(ctx.tokens[j]?.text ?? "") && !ctx.tokens[j + 1]?.joined) {
    if (nouns.has(ctx.tokens[j]?.text ?? "")) vouched = true;
    j++;
  }
  if (!ctx.tokens[j] || ctx.out.consumed.has(j)) return null;
  const end = wordEnd(ctx.tokens, j);
  const raw = rawSpan(ctx.tokens, j, end);
  return (vouched || nameLike(ctx, raw)) && spec.value.test(raw) ? { raw, end } : null;
}

/** "logs go to bucket audit-logs", "target bucket x": the first value after a lead, per param. */
export function recogniseValuesAfter(ctx: EntityContext): void {
  for (const { param, after } of ctx.lexicon.valuesAfter) {
    const verbs = new Set(after.verbs);
    const leads = new Set(after.leads);
    const labels = new Set(after.labels ?? []);
    const nouns = new Set(after.nouns ?? []);
    for (let i = 0; i < ctx.tokens.length; i++) {
      const t = ctx.tokens[i];
      if (!t || ctx.out.consumed.has(i)) continue;
      const labelled = labels.has(t.text) && nouns.has(ctx.tokens[i + 1]?.stem ?? "");
      if (!labelled && !(leads.has(t.text) && verbClause(ctx, verbs, i))) continue;
      const found = valueAfter(ctx, after, i);
      if (!found) continue;
      ctx.out.values[param] = found.raw;
      consume(ctx.out, i + 1, found.end);
      addEvidence(ctx.out, param, i, found.end);
      break;
    }
  }
}
