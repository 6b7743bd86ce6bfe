// Clauses: "require IMDSv2 on instances | and encryption on EBS volumes" — each clause's
// requirements attach to the kinds named in that clause.
import type { Token } from "./tokens.js";
import type { KindMention } from "./kinds.js";

export interface Clause {
  /** Inclusive token range. */
  from: number;
  to: number;
}

const SOFT_WORDS = new Set(["and", "but", "while", "whereas", "plus", "also"]);

interface Layout {
  tokens: readonly Token[];
  text: string;
  mentions: readonly KindMention[];
  /** Positions some control phrase could use. */
  phraseAt: ReadonlySet<number>;
  /** Positions an entity took ("tagged team and app"): its "and" joins a list, not clauses. */
  blocked: ReadonlySet<number>;
}

function gap(layout: Layout, i: number): string {
  const prev = layout.tokens[i - 1];
  const t = layout.tokens[i];
  return prev && t ? layout.text.slice(prev.end, t.start) : "";
}

function complete(layout: Layout, from: number, to: number): boolean {
  const hasKind = layout.mentions.some((m) => m.start >= from && m.end <= to);
  let hasPhrase = false;
  for (let k = from; k <= to && !hasPhrase; k++) hasPhrase = layout.phraseAt.has(k);
  return hasKind && hasPhrase;
}

/** Splits at sentence punctuation, and at "and"/"," when both sides name a kind and a requirement. */
export function splitClauses(layout: Layout): Clause[] {
  const n = layout.tokens.length;
  const hard: Clause[] = [];
  let start = 0;
  for (let i = 1; i <= n; i++) {
    if (i === n || /[.;:!?]/.test(gap(layout, i))) {
      hard.push({ from: start, to: i - 1 });
      start = i;
    }
  }
  const clauses: Clause[] = [];
  for (const segment of hard) {
    let from = segment.from;
    for (let b = segment.from + 1; b <= segment.to; b++) {
      const inEntity = layout.blocked.has(b) && layout.blocked.has(b - 1);
      const soft = !inEntity && (SOFT_WORDS.has(layout.tokens[b]?.text ?? "") || /,/.test(gap(layout, b)));
      if (soft && complete(layout, from, b - 1) && complete(layout, b, segment.to)) {
        clauses.push({ from, to: b - 1 });
        from = b;
      }
    }
    clauses.push({ from, to: segment.to });
  }
  return clauses.filter((c) => c.from <= c.to);
}
