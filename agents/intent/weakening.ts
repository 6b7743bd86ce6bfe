// Detects intents that ask to weaken security ("open port 22 to the world"), which the
// catalogue cannot express and agpm must never translate into a requirement.
import type { Token } from "./tokens.js";

const EXPOSE_VERBS = new Set(["allow", "permit", "expose", "grant", "open", "make"]);
const DISABLE_VERBS = new Set(["disable", "remove", "suspend", "turn", "drop", "delete"]);
const INSECURE_TARGETS = new Set(["public", "publicly", "world", "internet", "anyone", "everyone", "anonymous", "unencrypted", "imdsv1", "0.0.0.0/0", "::/0"]);
const SECURE_FEATURES = new Set(["encryption", "versioning", "backup", "imdsv2", "logging", "mfa", "block"]);
const NEGATIONS = new Set(["not", "no", "never", "nobody", "none", "cannot", "prevent", "deny", "disallow", "forbid", "block", "stop", "without", "nothing"]);

/** The words that make this intent a weakening request, or null. */
export function findWeakening(tokens: readonly Token[]): string | null {
  for (let i = 0; i < tokens.length; i++) {
    const verb = tokens[i];
    if (!verb) continue;
    const isExpose = EXPOSE_VERBS.has(verb.stem);
    const isDisable = DISABLE_VERBS.has(verb.stem) && (verb.stem !== "turn" || tokens[i + 1]?.text === "off");
    if (!isExpose && !isDisable) continue;
    if (verb.stem === "make" && tokens[i + 1]?.text === "sure") continue;
    const before = tokens.slice(Math.max(0, i - 4), i);
    if (before.some((t) => NEGATIONS.has(t.text))) continue;
    const after = tokens.slice(i + 1, i + 7);
    const targets = isExpose ? INSECURE_TARGETS : SECURE_FEATURES;
    const hit = after.find((t) => targets.has(t.text) || targets.has(t.stem));
    if (hit && !after.slice(0, after.indexOf(hit)).some((t) => NEGATIONS.has(t.text))) {
      return tokens.slice(i, after.indexOf(hit) + i + 2).map((t) => t.text).join(" ");
    }
  }
  return null;
}
