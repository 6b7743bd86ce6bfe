// S3 values an intent can carry: the Block Public Access flags it names and the bucket that
// should receive server access logs ("log to bucket audit-logs").
import { BPA_FLAGS, type BpaFlag } from "../engine/control.js";
import { addEvidence, consume, hardBoundaryBefore, nameLike, type EntityContext } from "./context.js";
import { findPhrase, phraseStems, rawSpan, wordEnd } from "./tokens.js";

/** How people write each flag ("BlockPublicAcls" is split into words by the tokenizer). */
const FLAG_PHRASES: Readonly<Record<BpaFlag, readonly string[]>> = {
  blockPublicAcls: ["block public acls", "block public acl", "block new public acls"],
  ignorePublicAcls: ["ignore public acls", "ignore public acl", "ignore existing public acls"],
  blockPublicPolicy: ["block public policy", "block public policies", "block public bucket policies", "block new public bucket policies"],
  restrictPublicBuckets: ["restrict public buckets", "restrict public bucket", "restrict public bucket policies"],
};
const LOG_STEMS = new Set(["log", "logs", "logging", "logged", "deliver", "delivered", "ship", "shipped", "send", "sent", "write", "written", "store", "stored"]);
const TARGET_LEADS = new Set(["to", "into", "in"]);

const FLAG_STEMS = BPA_FLAGS.map((flag) => ({ flag, phrases: FLAG_PHRASES[flag].map(phraseStems) }));

export function recogniseBpaFlags(ctx: EntityContext): void {
  const named = new Set<BpaFlag>();
  for (const { flag, phrases } of FLAG_STEMS) {
    for (const stems of phrases) {
      for (const start of findPhrase(ctx.tokens, stems, ctx.out.consumed)) {
        named.add(flag);
        consume(ctx.out, start, start + stems.length - 1);
        addEvidence(ctx.out, "bpaFlags", start, start + stems.length - 1);
      }
    }
  }
  if (named.size > 0) ctx.out.bpaFlags = BPA_FLAGS.filter((f) => named.has(f));
}

/** The clause around i speaks of logs. */
function loggingClause(ctx: EntityContext, i: number): boolean {
  for (let k = i; k >= 0; k--) {
    if (LOG_STEMS.has(ctx.tokens[k]?.text ?? "") || LOG_STEMS.has(ctx.tokens[k]?.stem ?? "")) return true;
    if (hardBoundaryBefore(ctx, k)) return false;
  }
  return false;
}

/** "… to bucket audit-logs", "… into the s3 bucket central-logs", "target bucket x". */
export function recogniseTargetBucket(ctx: EntityContext): void {
  for (let i = 0; i < ctx.tokens.length; i++) {
    const t = ctx.tokens[i];
    if (!t || ctx.out.consumed.has(i)) continue;
    const target = t.text === "target" && ctx.tokens[i + 1]?.stem === "bucket";
    if (!target && !(TARGET_LEADS.has(t.text) && loggingClause(ctx, i))) continue;
    let j = i + 1;
    let namedBucket = false;
    while (["the", "s3", "bucket", "a", "dedicated", "central", "logging"].includes(ctx.tokens[j]?.text ?? "") && !ctx.tokens[j + 1]?.joined) {
      if (ctx.tokens[j]?.stem === "bucket") namedBucket = true;
      j++;
    }
    const name = ctx.tokens[j];
    if (!name || ctx.out.consumed.has(j)) continue;
    const end = wordEnd(ctx.tokens, j);
    const raw = rawSpan(ctx.tokens, j, end);
    if (!(namedBucket || nameLike(raw)) || !/^[a-z0-9][a-z0-9.-]*$/.test(raw)) continue;
    ctx.out.targetBucket = raw;
    consume(ctx.out, i + 1, end);
    addEvidence(ctx.out, "targetBucket", i, end);
    return;
  }
}
