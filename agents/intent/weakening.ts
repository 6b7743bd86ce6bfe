// Detects intents that ask to weaken security ("open port 22 to the world"), which the
// catalogue cannot express and agpm must never translate into a requirement. Only requests
// count: an imperative ("allow public read on x") or a positive modal ("buckets should allow
// public read"); descriptions ("ec2_securitygroup_allow_ingress_from_internet") and negated
// clauses ("no group may open SSH to the world") do not.
import type { Operation } from "./lexicon.js";
import type { Token } from "./tokens.js";

const EXPOSE_VERBS = new Set(["allow", "permit", "expose", "grant", "open", "make", "let", "share"]);
const DISABLE_VERBS = new Set(["disable", "remove", "suspend", "turn", "drop", "delete", "stop", "deactivate"]);
const INSECURE_TARGETS = new Set(["public", "publicly", "world", "internet", "anyone", "everyone", "everybody", "anonymous", "unencrypted", "imdsv1", "0.0.0.0/0", "::/0", "anywhere", "all"]);
const SECURE_FEATURES = new Set(["encryption", "versioning", "backup", "imdsv2", "logging", "logs", "mfa", "block", "lock", "tls", "https"]);
const NEGATIONS = new Set(["not", "no", "never", "nobody", "none", "cannot", "prevent", "deny", "disallow", "forbid", "block", "stop", "without", "nothing", "nor", "neither", "avoid", "reject"]);
const LEADING = new Set(["please", "now", "also", "just", "go", "ahead", "and", "then", "can", "you", "we", "i", "want", "to", "need", "would", "like", "kindly"]);
const MODALS = new Set(["must", "should", "shall", "will", "needs", "has", "have"]);
const CLAUSE_WORDS = new Set(["and", "but", "while", "whereas"]);
const SKIPPED: ReadonlySet<Operation> = new Set(["check-only", "retire", "exempt"]);

function clauseStart(tokens: readonly Token[], text: string, i: number): number {
  for (let k = i; k > 0; k--) {
    const gap = text.slice(tokens[k - 1]?.end ?? 0, tokens[k]?.start ?? 0);
    if (/[.;:!?,]/.test(gap) || CLAUSE_WORDS.has(tokens[k - 1]?.text ?? "")) return k;
  }
  return 0;
}

function isRequest(tokens: readonly Token[], start: number, i: number): boolean {
  const before = tokens.slice(start, i);
  if (before.every((t) => LEADING.has(t.text))) return true;
  return before.some((t) => MODALS.has(t.text));
}

/** The words that make this intent a weakening request, or null. */
export function findWeakening(tokens: readonly Token[], text: string, operation: Operation): string | null {
  if (SKIPPED.has(operation)) return null;
  for (let i = 0; i < tokens.length; i++) {
    const verb = tokens[i];
    if (!verb) continue;
    const isExpose = EXPOSE_VERBS.has(verb.text);
    const next = tokens[i + 1]?.text;
    const isDisable = DISABLE_VERBS.has(verb.text) && (verb.text !== "turn" || next === "off") && !(verb.text === "stop" && next === "enforcing");
    if ((!isExpose && !isDisable) || (verb.text === "make" && next === "sure")) continue;
    const start = clauseStart(tokens, text, i);
    if (!isRequest(tokens, start, i) || tokens.slice(start, i).some((t) => NEGATIONS.has(t.text))) continue;
    const after = tokens.slice(i + 1, i + 8);
    const targets = isExpose ? INSECURE_TARGETS : SECURE_FEATURES;
    const hitAt = after.findIndex((t) => targets.has(t.text) || targets.has(t.stem));
    if (hitAt < 0 || (verb.text === "make" && after[hitAt]?.text === "all")) continue;
    if (after.slice(0, hitAt).some((t) => NEGATIONS.has(t.text) || t.text === "policy" || t.text === "rule")) continue;
    return tokens.slice(i, i + hitAt + 2).map((t) => t.text).join(" ");
  }
  return null;
}
