// Tokenising intents: lower case, light stemming, positions and character offsets kept so
// phrases can consume spans and recognisers can read the raw text (patterns, reasons).
import { PORT_NAMES } from "./ports.js";

export interface Token {
  /** The token as written (lower case). */
  text: string;
  /** The token with its original case (KMS aliases and names are case-sensitive). */
  raw: string;
  /** Light stem used for matching (plural "s" dropped). */
  stem: string;
  index: number;
  /** Character offsets in the normalised text. */
  start: number;
  end: number;
  /** Glued to the previous token by a hyphen or underscore ("launch-wizard" → "launch", "wizard"). */
  joined: boolean;
  /** The character that glued it ("-" or "_"), or "" when not joined. */
  joiner: string;
  /** A glob or regular expression written as one chunk ("acme-", "^sg-[a-z]+$"). */
  pattern: boolean;
}

const TOKEN_RE = /::\/0|[a-z0-9][a-z0-9._:/=*-]*[a-z0-9*/]|[a-z0-9]/gi;
/** A whitespace chunk that is a pattern, not words: leading ^ * - or /, trailing $ - or regex syntax. */
const PATTERN_RE = /^[\^*-]|[$-]$|[[\]{}|\\+]|^\/\d{1,3}$/;
const CAMEL_RE = /^[A-Za-z][a-z]+(?:[A-Z][a-z]+)+$/;
const JOINED_PART_RE = /^[a-z][a-z0-9]*$/i;
const KEEP_WHOLE = new Set(Object.keys(PORT_NAMES).filter((n) => !n.includes(" ")));

export function stem(word: string): string {
  if (word.length > 3 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.length > 2 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us") && /[a-z]/.test(word.slice(0, -1))) return word.slice(0, -1);
  return word;
}

/** Quotes and "n't" made uniform; the offsets of tokens refer to this text. */
export function normalise(text: string): string {
  return text
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/n't\b/gi, " not")
    .replace(/'s\b/gi, "  ");
}

interface Piece {
  raw: string;
  start: number;
  joined: boolean;
  joiner: string;
  pattern: boolean;
}

/** "BlockPublicAcls" → Block, Public, Acls (not port names such as "OpenSearch"). */
function splitCamel(piece: Piece): Piece[] {
  if (!CAMEL_RE.test(piece.raw) || KEEP_WHOLE.has(piece.raw.toLowerCase())) return [piece];
  const parts = piece.raw.match(/[A-Z]?[a-z]+/g) ?? [piece.raw];
  let offset = piece.start;
  return parts.map((raw, i) => {
    const p = { raw, start: offset, joined: i === 0 ? piece.joined : false, joiner: i === 0 ? piece.joiner : "", pattern: false };
    offset += raw.length;
    return p;
  });
}

/** Splits a piece at `sep` when every part matches `part`; parts after the first are joined. */
function splitAt(piece: Piece, sep: string, part: RegExp): Piece[] {
  const words = piece.raw.split(sep);
  if (words.length < 2 || !words.every((p) => part.test(p))) return [piece];
  let offset = piece.start;
  return words.map((raw, i) => {
    const p = { raw, start: offset, joined: i > 0 || piece.joined, joiner: i > 0 ? sep : piece.joiner, pattern: false };
    offset += raw.length + 1;
    return p;
  });
}

/**
 * "launch-wizard" → launch, wizard and "ec2_securitygroup_port_22" → ec2, securitygroup, port,
 * 22 (joined, so names can be put back together); ids such as "sg-0abc" or "us-east-1" stay whole.
 */
function splitJoined(piece: Piece): Piece[] {
  return splitAt(piece, "_", /^[a-z0-9]+(-[a-z0-9]+)*$/i).flatMap((p) => splitAt(p, "-", JOINED_PART_RE));
}

function chunkPieces(chunk: string, start: number): Piece[] {
  const lead = /^[("'`[]+/.exec(chunk)?.[0].length ?? 0;
  let body = chunk.slice(lead);
  // A regex keeps its closing brackets; prose loses its closing punctuation.
  const trail = /^[\^*]/.test(body) ? /[,;!?"'`]+$/.exec(body) : /[)"'`\],;!?.:]+$/.exec(body);
  if (trail) body = body.slice(0, body.length - trail[0].length);
  if (body.length > 0 && PATTERN_RE.test(body) && /[a-z0-9]/i.test(body)) return [{ raw: body, start: start + lead, joined: false, joiner: "", pattern: true }];
  const pieces: Piece[] = [];
  for (const m of chunk.matchAll(TOKEN_RE)) {
    const raw = m[0].replace(/[.:]+$/, "");
    const piece = { raw, start: start + (m.index ?? 0), joined: false, joiner: "", pattern: false };
    for (const h of splitJoined(piece)) pieces.push(...splitCamel(h));
  }
  return pieces;
}

/** Tokenises already-normalised text (see `normalise`). */
export function tokenizeNormalised(text: string): Token[] {
  const pieces: Piece[] = [];
  for (const m of text.matchAll(/\S+/g)) pieces.push(...chunkPieces(m[0], m.index ?? 0));
  return pieces.map((p, index) => {
    const lower = p.raw.toLowerCase();
    return { text: lower, raw: p.raw, stem: p.pattern ? lower : stem(lower), index, start: p.start, end: p.start + p.raw.length, joined: p.joined, joiner: p.joiner, pattern: p.pattern };
  });
}

export function tokenize(text: string): Token[] {
  return tokenizeNormalised(normalise(text));
}

/** A phrase as a list of stems, for matching against tokens. */
export function phraseStems(phrase: string): string[] {
  return tokenize(phrase).map((t) => t.stem);
}

/** The last index of the hyphenated word starting at `i` ("www-assets" spans two tokens). */
export function wordEnd(tokens: readonly Token[], i: number): number {
  let j = i;
  while (tokens[j + 1]?.joined) j++;
  return j;
}

/** The raw text of tokens i..j as written, hyphens and underscores restored. */
export function rawSpan(tokens: readonly Token[], i: number, j: number): string {
  return tokens.slice(i, j + 1).map((t, k) => (k > 0 && t.joined ? `${t.joiner}${t.raw}` : k > 0 ? ` ${t.raw}` : t.raw)).join("");
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
