// Tokenising intents: lower case, light stemming, positions kept so phrases can consume spans.

export interface Token {
  /** The token as written (lower case). */
  text: string;
  /** The token with its original case (KMS aliases and names are case-sensitive). */
  raw: string;
  /** Light stem used for matching (plural "s" dropped). */
  stem: string;
  index: number;
}

const TOKEN_RE = /::\/0|[a-z0-9][a-z0-9._:/=*-]*[a-z0-9*/]|[a-z0-9]/gi;

export function stem(word: string): string {
  if (word.length > 3 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us")) return word.slice(0, -1);
  return word;
}

export function tokenize(text: string): Token[] {
  const normalised = text
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/n't\b/gi, " not")
    .replace(/'s\b/gi, "");
  const words = normalised.match(TOKEN_RE) ?? [];
  return words.map((word, index) => {
    const raw = word.replace(/[.:]+$/, "");
    const text = raw.toLowerCase();
    return { text, raw, stem: stem(text), index };
  });
}

/** A phrase as a list of stems, for matching against tokens. */
export function phraseStems(phrase: string): string[] {
  return tokenize(phrase).map((t) => t.stem);
}

/** Every start index where `stems` occurs in `tokens`, skipping consumed positions. */
export function findPhrase(tokens: readonly Token[], stems: readonly string[], consumed?: ReadonlySet<number>): number[] {
  const hits: number[] = [];
  if (stems.length === 0) return hits;
  for (let i = 0; i + stems.length <= tokens.length; i++) {
    let ok = true;
    for (let j = 0; j < stems.length; j++) {
      const token = tokens[i + j];
      if (!token || token.stem !== stems[j] || consumed?.has(i + j)) {
        ok = false;
        break;
      }
    }
    if (ok) hits.push(i);
  }
  return hits;
}
