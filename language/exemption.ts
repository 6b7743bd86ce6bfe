// Exemptions asked for in words: "exempt bucket web-assets from the public-access rule until
// 2027-03-31, reason: static site, owner: web-team". This finds the clause and its expiry,
// reason and owner; names and tags are filed by the name and tag recognisers.
import { consume, hardBoundaryBefore, type EntityContext } from "./context.js";
import { rawSpan, wordEnd } from "./tokens.js";

const TRIGGERS = new Set(["exempt", "exempted", "exempting", "exemption", "exemptions", "exception", "exceptions", "waive", "waived", "waiver"]);
const RULE_NOUNS = new Set(["rule", "rules", "requirement", "requirements", "policy", "control", "check", "benchmark"]);
const UNTIL_CUES = new Set(["until", "till", "through", "thru", "expiring", "expires", "expiry", "expire", "to"]);
const REASON_CUES = new Set(["reason", "because", "justification", "rationale", "since"]);
const OWNER_CUES = new Set(["owner", "owned", "approved", "requested"]);
const STOP_CUES = new Set([...UNTIL_CUES, ...OWNER_CUES, "reason", "because"]);
const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/** The intent asks for an exemption (not a scope exclusion such as "except buckets tagged …"). */
export function asksForExemption(ctx: EntityContext): boolean {
  const { tokens } = ctx;
  if (tokens.some((t) => TRIGGERS.has(t.text))) return true;
  const exclude = tokens.findIndex((t) => t.text === "exclude");
  return exclude >= 0 && tokens.some((t, i) => i > exclude && t.text === "from") && tokens.some((t) => RULE_NOUNS.has(t.text));
}

function monthOf(word: string | undefined): number {
  if (!word) return 0;
  const i = MONTHS.findIndex((m) => m === word || (word.length >= 3 && m.startsWith(word)));
  return i + 1;
}

function iso(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** A date at i: 2027-03-31, 31 March 2027, March 31 2027. */
function dateAt(ctx: EntityContext, i: number): { date: string; end: number } | null {
  const t = ctx.tokens[i]?.text ?? "";
  const isoMatch = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (isoMatch) {
    const date = iso(Number(isoMatch[1]), Number(isoMatch[2]), Number(isoMatch[3]));
    return date ? { date, end: i } : null;
  }
  const day = /^(\d{1,2})(st|nd|rd|th)?$/.exec(t);
  const a = ctx.tokens[i + 1]?.text;
  const b = ctx.tokens[i + 2]?.text ?? "";
  if (day && monthOf(a) && /^\d{4}$/.test(b)) {
    const date = iso(Number(b), monthOf(a), Number(day[1]));
    return date ? { date, end: i + 2 } : null;
  }
  const dayAfter = /^(\d{1,2})(st|nd|rd|th)?$/.exec(a ?? "");
  if (monthOf(t) && t.length >= 3 && dayAfter && /^\d{4}$/.test(b)) {
    const date = iso(Number(b), monthOf(t), Number(dayAfter[1]));
    return date ? { date, end: i + 2 } : null;
  }
  return null;
}

function readUntil(ctx: EntityContext): string | null {
  for (let i = 0; i < ctx.tokens.length; i++) {
    const found = dateAt(ctx, i);
    if (!found) continue;
    const cue = UNTIL_CUES.has(ctx.tokens[i - 1]?.text ?? "") ? i - 1 : i;
    consume(ctx.out, cue, found.end);
    return found.date;
  }
  return null;
}

/** The words after a reason cue, up to the next owner/expiry cue or the end of the sentence. */
function readReason(ctx: EntityContext): string | null {
  const cue = ctx.tokens.findIndex((t, i) => REASON_CUES.has(t.text) && !ctx.out.consumed.has(i) && (t.text !== "since" || i > 0));
  if (cue < 0) return null;
  const first = cue + 1;
  let last = first - 1;
  for (let k = first; k < ctx.tokens.length; k++) {
    const t = ctx.tokens[k];
    if (!t || (k > first && (STOP_CUES.has(t.text) || /[;.!?]/.test(ctx.text.slice(ctx.tokens[k - 1]?.end ?? 0, t.start))))) break;
    if (ctx.out.consumed.has(k)) break;
    last = k;
  }
  if (last < first) return null;
  const reason = ctx.text.slice(ctx.tokens[first]?.start ?? 0, ctx.tokens[last]?.end ?? 0).replace(/^[\s:,-]+|[\s,;.:-]+$/g, "");
  consume(ctx.out, cue, last);
  return reason.length > 0 ? reason : null;
}

function readOwner(ctx: EntityContext): string | null {
  const cue = ctx.tokens.findIndex((t, i) => OWNER_CUES.has(t.text) && !ctx.out.consumed.has(i));
  if (cue < 0) return null;
  let k = cue + 1;
  if (ctx.tokens[k]?.text === "by" || ctx.tokens[k]?.text === "is") k++;
  const t = ctx.tokens[k];
  if (!t || (k > cue + 1 && hardBoundaryBefore(ctx, k) && ctx.tokens[k - 1]?.text !== "by")) return null;
  const end = wordEnd(ctx.tokens, k);
  consume(ctx.out, cue, end);
  return rawSpan(ctx.tokens, k, end);
}

/** Starts the exemption entity when the intent asks for one; consumes its expiry, reason and owner. */
export function recogniseExemption(ctx: EntityContext): void {
  if (!asksForExemption(ctx)) return;
  ctx.tokens.forEach((t, i) => {
    if (TRIGGERS.has(t.text) || (t.text === "exclude" && i === 0)) consume(ctx.out, i);
  });
  const until = readUntil(ctx);
  const owner = readOwner(ctx);
  const reason = readReason(ctx);
  ctx.out.exemption = { names: [], tags: {}, until, reason, owner };
}
