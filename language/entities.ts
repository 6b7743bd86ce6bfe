// Entity recognisers, run in an order that lets the most specific claim tokens first:
// exemption clauses, partitions and literal values, the domains' own values, naming and tag
// requirements, scope, numbers.
import { REGISTRY, type Registry } from "../engine/registry.js";
import { addEvidence, consume, emptyEntities, isExceptContext, type Entities, type EntityContext } from "./context.js";
import { recogniseExemption } from "./exemption.js";
import { CONTRASTS, isPartition, lexiconOf } from "./lexicon.js";
import { recogniseNames } from "./names.js";
import { recogniseValuePhrases, recogniseValuesAfter } from "./param-values.js";
import { recogniseQuantities } from "./quantities.js";
import { recogniseTags } from "./tags.js";
import type { Token } from "./tokens.js";

export type { Entities, ExemptionEntity, PortRange } from "./context.js";


/**
 * "SSE-KMS rather than SSE-S3", "launch templates instead of launch configurations": what
 * follows a contrast is the rejected alternative, so its words must not evoke a control.
 */
function recogniseContrast(ctx: EntityContext): void {
  const { tokens, out } = ctx;
  for (let i = 0; i < tokens.length; i++) {
    const words = CONTRASTS.find((w) => w.every((x, j) => tokens[i + j]?.text === x));
    if (!words) continue;
    let end = i + words.length;
    while (end + 1 < tokens.length && (tokens[end + 1]?.joined || !["and", "or", "for", "on", "in", "to", "with"].includes(tokens[end + 1]?.text ?? "")) && end < i + words.length + 3) end++;
    if (end < i + words.length) continue;
    for (let k = i; k <= end; k++) if (!ctx.kindAt.has(k)) out.consumed.add(k);
  }
}

/** Partitions ("us-east-1"), values the domains know by their form ("alias/data") and control ids, written literally. */
function recogniseLiterals(ctx: EntityContext, registry: Registry): void {
  const { tokens, out } = ctx;
  tokens.forEach((t, i) => {
    if (out.consumed.has(i)) return;
    const value = ctx.lexicon.valueTokens.find((v) => v.token.test(t.text));
    if (isPartition(ctx.lexicon, t.text)) {
      (isExceptContext(ctx, i) ? out.excludeRegions : out.regions).push(t.text);
      consume(out, i);
    } else if (value) {
      out.values[value.param] = t.raw;
      consume(out, i);
      addEvidence(out, value.param, i);
    } else if (registry.findControl(t.text)) {
      out.controlRefs.push(t.text);
      consume(out, i);
    }
  });
}

/**
 * Recognises every entity in the tokens. `kindAt` holds the positions of kind words, which
 * tell scope ("buckets tagged x must …") from requirements ("buckets must be tagged x").
 */
export function recogniseEntities(tokens: readonly Token[], text: string, kindAt: ReadonlySet<number>, registry: Registry = REGISTRY): Entities {
  const ctx: EntityContext = { tokens, text, kindAt, lexicon: lexiconOf(registry), out: emptyEntities() };
  recogniseExemption(ctx);
  recogniseLiterals(ctx, registry);
  recogniseContrast(ctx);
  recogniseValuesAfter(ctx);
  recogniseValuePhrases(ctx);
  recogniseTags(ctx);
  recogniseNames(ctx);
  recogniseQuantities(ctx);
  return ctx.out;
}
