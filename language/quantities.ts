// Numbers with a meaning: ports and port ranges ("ports 8000-9000", "tcp/3306"), durations
// ("older than 90 days", "2 weeks"), counts ("more than 40 rules") and CIDR prefixes ("/16").
import { addEvidence, consume, type EntityContext } from "./context.js";
import { PORT_NAMES } from "./ports.js";
import { findPhrase, phraseStems } from "./tokens.js";

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, sixty: 60, ninety: 90, hundred: 100,
};
const UNIT_DAYS: Readonly<Record<string, number>> = { day: 1, days: 1, week: 7, weeks: 7, month: 30, months: 30, year: 365, years: 365 };
const COUNTABLE = new Set(["rule", "rules", "entry", "entries", "permission", "permissions", "grant", "grants", "item", "items"]);
const COUNT_FILLERS = new Set(["ingress", "egress", "inbound", "outbound", "and", "or", "security", "group", "total", "firewall"]);
/** Comparatives that exclude the number itself: "fewer than 30 rules" allows at most 29. */
const STRICT_BELOW = new Set(["fewer", "less", "under", "below"]);
const PORT_SEPARATORS = new Set(["and", "or", "nor", "number", "numbers", "range", "ranges", "to", "through"]);

export function numberAt(ctx: EntityContext, i: number): number | null {
  const t = ctx.tokens[i];
  if (!t || ctx.out.consumed.has(i)) return null;
  if (/^\d{1,6}$/.test(t.text)) return Number(t.text);
  return NUMBER_WORDS[t.text] ?? null;
}

function addRange(ctx: EntityContext, from: number, to: number): void {
  const lo = Math.min(from, to);
  const hi = Math.max(from, to);
  if (hi > 65535) return;
  if (lo <= 1 && hi === 65535) ctx.out.allPorts = true;
  else if (lo === hi) ctx.out.ports.push(lo);
  else ctx.out.portRanges.push({ from: lo, to: hi });
}

/** "port 22", "ports 22, 80 and 443", "ports 8000-9000", "ports 9000 to 9100", "tcp/3306". */
function recognisePorts(ctx: EntityContext, i: number): void {
  const t = ctx.tokens[i];
  if (!t || ctx.out.consumed.has(i)) return;
  const slash = /^(?:tcp|udp)\/(\d{1,5})$/.exec(t.text) ?? /^(\d{1,5})\/(?:tcp|udp)$/.exec(t.text);
  if (slash?.[1]) {
    addRange(ctx, Number(slash[1]), Number(slash[1]));
    consume(ctx.out, i);
    addEvidence(ctx.out, "ports", i);
    return;
  }
  if (t.stem !== "port") return;
  let j = i + 1;
  let found = false;
  while (j < ctx.tokens.length) {
    const next = ctx.tokens[j];
    if (!next || ctx.out.consumed.has(j)) break;
    const range = /^(\d{1,5})-(\d{1,5})$/.exec(next.text);
    const single = /^\d{1,5}$/.test(next.text) ? Number(next.text) : null;
    if (range?.[1] && range[2]) addRange(ctx, Number(range[1]), Number(range[2]));
    else if (single !== null && ["to", "through"].includes(ctx.tokens[j - 1]?.text ?? "") && found) {
      const last = ctx.out.ports.pop();
      if (last !== undefined) addRange(ctx, last, single);
    } else if (single !== null) addRange(ctx, single, single);
    else if (!PORT_SEPARATORS.has(next.text)) break;
    if (range || single !== null) found = true;
    j++;
  }
  if (!found) return;
  consume(ctx.out, i, j - 1);
  if (ctx.out.allPorts && ctx.out.ports.length === 0 && ctx.out.portRanges.length === 0) ctx.out.concepts.push({ phrase: "all ports", start: i, end: j - 1 });
  else addEvidence(ctx.out, "ports", i, j - 1);
}

/**
 * Service names ("SSH", "MySQL ports") are ports too. The names stay free to evoke controls;
 * the parser keeps a named port only where no other control's phrase uses the word ("HTTP tokens").
 */
const NAMED_PORTS = Object.entries(PORT_NAMES).map(([name, port]) => ({ stems: phraseStems(name), port }));

function recogniseNamedPorts(ctx: EntityContext): void {
  for (const { stems, port } of NAMED_PORTS) {
    for (const start of findPhrase(ctx.tokens, stems, ctx.out.consumed)) {
      const end = start + stems.length - 1;
      ctx.out.namedPorts.push({ port, start, end });
      addEvidence(ctx.out, "ports", start, end);
    }
  }
  // "MySQL, Postgres or MongoDB ports": the trailing noun belongs to the names.
  const last = Math.max(-1, ...ctx.out.namedPorts.map((p) => p.end));
  const noun = ctx.tokens[last + 1];
  if (noun?.stem === "port" && !ctx.out.consumed.has(last + 1)) {
    consume(ctx.out, last + 1);
    addEvidence(ctx.out, "ports", last + 1);
  }
}

/** "90 days", "2 weeks", "a year", "6 months" → whole days; the first one wins. */
function recogniseDuration(ctx: EntityContext, i: number): void {
  const n = numberAt(ctx, i);
  const unit = UNIT_DAYS[ctx.tokens[i + 1]?.text ?? ""];
  if (n === null || unit === undefined || ctx.out.consumed.has(i + 1) || ctx.out.days !== undefined) return;
  ctx.out.days = n * unit;
  consume(ctx.out, i, i + 1);
  addEvidence(ctx.out, "days", i, i + 1);
}

/** "more than 40 rules", "fewer than 30 ingress and egress rules", "under 100 rules". */
function recogniseCount(ctx: EntityContext, i: number): void {
  const n = numberAt(ctx, i);
  if (n === null || ctx.out.count !== undefined || !/^\d+$/.test(ctx.tokens[i]?.text ?? "")) return;
  let j = i + 1;
  while (COUNT_FILLERS.has(ctx.tokens[j]?.text ?? "") && j < i + 5) j++;
  if (!COUNTABLE.has(ctx.tokens[j]?.text ?? "")) return;
  const before = [ctx.tokens[i - 1]?.text, ctx.tokens[i - 2]?.text];
  const strict = before.some((w) => w !== undefined && STRICT_BELOW.has(w));
  ctx.out.count = strict ? n - 1 : n;
  consume(ctx.out, i, j - 1);
  addEvidence(ctx.out, "count", i, j - 1);
}

/** "/16" written as a CIDR prefix ("wider than /16"). */
function recognisePrefix(ctx: EntityContext, i: number): void {
  const m = /^\/(\d{1,3})$/.exec(ctx.tokens[i]?.text ?? "");
  if (!m?.[1] || ctx.out.consumed.has(i) || Number(m[1]) > 128 || Number(m[1]) < 1) return;
  ctx.out.prefixLength = Number(m[1]);
  consume(ctx.out, i);
  addEvidence(ctx.out, "prefixLength", i);
}

export function recogniseQuantities(ctx: EntityContext): void {
  for (let i = 0; i < ctx.tokens.length; i++) recognisePorts(ctx, i);
  for (let i = 0; i < ctx.tokens.length; i++) {
    recogniseDuration(ctx, i);
    recogniseCount(ctx, i);
    recognisePrefix(ctx, i);
  }
  recogniseNamedPorts(ctx);
}
