// Entity recognisers: regions, tags, ports, KMS keys and names, each marking the tokens
// it consumed, with "except …" clauses turning scope entities into exclusions.
import { PORT_NAMES } from "./ports.js";
import { phraseStems, findPhrase, type Token } from "./tokens.js";

export interface Entities {
  regions: string[];
  tags: Record<string, string | null>;
  names: string[];
  excludeTags: Record<string, string | null>;
  excludeNames: string[];
  excludeRegions: string[];
  ports: number[];
  kmsKeyId?: string;
  /** Token positions the recognisers used. */
  consumed: Set<number>;
}

const REGION_RE = /^(us|eu|ap|sa|ca|me|af|il|mx)(-gov)?-(north|south|east|west|central|northeast|southeast|northwest|southwest)-\d$/;
const KMS_RE = /^(arn:aws[\w-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[\w/-]+|alias\/[\w/-]+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;
const TAG_PAIR_RE = /^([a-z0-9_.:/-]+?)(=|:)([a-z0-9_.:/*-]*)$/i;
const EXCEPT_WORDS = new Set(["except", "excluding", "exclude", "unless", "but", "other", "outside", "exempt", "excepting", "besides"]);
const TAG_WORDS = new Set(["tagged", "tag", "tags", "label", "labelled", "labeled", "with"]);
const NAME_WORDS = new Set(["named", "called", "name", "prefixed", "prefix"]);
const NAME_FILLERS = new Set(["the", "a", "an", "those", "that", "is", "with", "whose", "starts", "start", "starting", "begins", "beginning", "by"]);

function isExceptContext(tokens: readonly Token[], index: number): boolean {
  for (let i = index - 1; i >= 0; i--) {
    const t = tokens[i];
    if (!t) break;
    if (EXCEPT_WORDS.has(t.text)) return true;
    if (t.text === "only" || t.text === "in" && i < index - 1) return false;
  }
  return false;
}

function recogniseTag(tokens: readonly Token[], i: number, out: Entities): boolean {
  const t = tokens[i];
  if (!t || t.text.startsWith("arn:") || REGION_RE.test(t.text) || KMS_RE.test(t.text)) return false;
  const pair = TAG_PAIR_RE.exec(t.raw);
  const prev = tokens[i - 1];
  let key: string | undefined;
  let value: string | null = null;
  if (pair && pair[1] && pair[3] !== undefined && (pair[2] === "=" || (prev && TAG_WORDS.has(prev.text)))) {
    key = pair[1];
    value = pair[3] === "" || pair[3] === "*" ? null : pair[3];
  } else if (prev && (prev.text === "tagged" || prev.text === "tag") && /^[a-z][\w.-]*$/.test(t.text) && !["with", "as", "by"].includes(t.text)) {
    key = t.raw;
  }
  if (!key) return false;
  if (isExceptContext(tokens, i)) out.excludeTags[key] = value;
  else out.tags[key] = value;
  out.consumed.add(i);
  if (prev && TAG_WORDS.has(prev.text)) out.consumed.add(i - 1);
  const prev2 = tokens[i - 2];
  if (prev && prev.text === "with" && prev2 && TAG_WORDS.has(prev2.text)) out.consumed.add(i - 2);
  return true;
}

function recognisePorts(tokens: readonly Token[], i: number, out: Entities): boolean {
  const t = tokens[i];
  if (!t) return false;
  const slash = /^(tcp|udp)\/(\d{1,5})$/.exec(t.text) ?? /^(\d{1,5})\/(tcp|udp)$/.exec(t.text);
  if (slash) {
    const port = Number(slash[2] && /^\d+$/.test(slash[2]) ? slash[2] : slash[1]);
    if (port <= 65535) out.ports.push(port);
    out.consumed.add(i);
    return true;
  }
  if (t.stem !== "port") return false;
  out.consumed.add(i);
  let j = i + 1;
  let found = false;
  while (j < tokens.length) {
    const next = tokens[j];
    if (!next) break;
    if (/^\d{1,5}$/.test(next.text) && Number(next.text) <= 65535) {
      out.ports.push(Number(next.text));
      out.consumed.add(j);
      found = true;
    } else if (!["and", "or", "nor", "number", "numbers"].includes(next.text)) break;
    else out.consumed.add(j);
    j++;
  }
  return found;
}

function recogniseNamedPorts(tokens: readonly Token[], out: Entities): void {
  for (const [name, port] of Object.entries(PORT_NAMES)) {
    for (const start of findPhrase(tokens, phraseStems(name))) {
      if (!out.ports.includes(port)) out.ports.push(port);
      // The word stays available to controls ("ssh" evokes the ingress control too).
      void start;
    }
  }
}

function recogniseName(tokens: readonly Token[], i: number, out: Entities): boolean {
  const t = tokens[i];
  if (!t || !NAME_WORDS.has(t.text) && !(t.text === "with" && ["starting", "beginning", "prefixed"].includes(tokens[i - 1]?.text ?? ""))) return false;
  let j = i + 1;
  while (j < tokens.length && NAME_FILLERS.has(tokens[j]?.text ?? "")) j++;
  const target = tokens[j];
  if (!target || !/[a-z0-9]/.test(target.text)) return false;
  const prefixMode = tokens.slice(Math.max(0, i - 2), j).some((x) => /^(start|starting|starts|begin|begins|beginning|prefixed|prefix)$/.test(x.text));
  const pattern = prefixMode && !target.raw.includes("*") ? `${target.raw}*` : target.raw;
  if (isExceptContext(tokens, i)) out.excludeNames.push(pattern);
  else out.names.push(pattern);
  for (let k = i; k <= j; k++) out.consumed.add(k);
  return true;
}

/** After "except", a bare resource name (has a digit, dash, dot or underscore) is an exclusion. */
function recogniseExceptName(tokens: readonly Token[], i: number, kindWords: ReadonlySet<string>, out: Entities): void {
  const t = tokens[i];
  if (!t || out.consumed.has(i) || !/[-_.\d]/.test(t.text) || REGION_RE.test(t.text)) return;
  if (!isExceptContext(tokens, i) || kindWords.has(t.stem)) return;
  out.excludeNames.push(t.raw);
  out.consumed.add(i);
}

export function recogniseEntities(tokens: readonly Token[], kindWords: ReadonlySet<string>): Entities {
  const out: Entities = { regions: [], tags: {}, names: [], excludeTags: {}, excludeNames: [], excludeRegions: [], ports: [], consumed: new Set() };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t || out.consumed.has(i)) continue;
    if (REGION_RE.test(t.text)) {
      (isExceptContext(tokens, i) ? out.excludeRegions : out.regions).push(t.text);
      out.consumed.add(i);
      continue;
    }
    if (KMS_RE.test(t.text)) {
      out.kmsKeyId = t.raw;
      out.consumed.add(i);
      continue;
    }
    if (recogniseTag(tokens, i, out) || recognisePorts(tokens, i, out) || recogniseName(tokens, i, out)) continue;
  }
  for (let i = 0; i < tokens.length; i++) recogniseExceptName(tokens, i, kindWords, out);
  recogniseNamedPorts(tokens, out);
  out.ports = [...new Set(out.ports)].sort((a, b) => a - b);
  return out;
}
