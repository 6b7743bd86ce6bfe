// The closest supported controls to an intent, for refusals that help.
import type { ControlDefinition } from "../../engine/control.js";
import { REGISTRY, type Registry } from "../../engine/registry.js";
import { phraseStems, tokenize } from "../../language/tokens.js";
import { FILLER_WORDS } from "../../language/lexicon.js";

export interface Suggestion {
  control: string;
  title: string;
  /** An intent that would select it. */
  example: string;
}

const stemCache = new WeakMap<ControlDefinition, Set<string>>();

/** The stems of a control's title, words and kind words (computed once per control). */
function controlStems(control: ControlDefinition, registry: Registry): Set<string> {
  const cached = stemCache.get(control);
  if (cached) return cached;
  const kind = registry.findKind(control.kind);
  const stems = new Set([...phraseStems(control.title), ...control.words.flatMap(phraseStems), ...(kind?.words ?? []).flatMap(phraseStems)]);
  stemCache.set(control, stems);
  return stems;
}

/**
 * A control's title as the rest of a sentence: a common first word is lowercased ("Security
 * groups" → "security groups"), while acronyms and names keep their case ("EBS snapshots",
 * "S3 buckets", "Auto Scaling groups").
 */
export function titleInSentence(title: string): string {
  const [first = "", second = ""] = title.split(" ");
  const commonWord = /^[A-Z][a-z]+$/.test(first) && !/^[A-Z]/.test(second);
  return commonWord ? `${first.toLowerCase()}${title.slice(first.length)}` : title;
}

/** Up to `limit` controls ranked by shared words with the intent (then catalogue order). */
export function suggestControls(intent: string, limit = 5, registry: Registry = REGISTRY): Suggestion[] {
  const words = tokenize(intent).map((t) => t.stem).filter((s) => !FILLER_WORDS.has(s));
  const ranked = registry.controls.map((control, order) => {
    const stems = controlStems(control, registry);
    const score = words.filter((w) => stems.has(w) || [...stems].some((s) => s.length > 4 && (s.startsWith(w) || w.startsWith(s)))).length;
    return { control, score, order };
  }).sort((a, b) => b.score - a.score || a.order - b.order);
  return ranked.slice(0, limit).map(({ control }) => ({
    control: control.id,
    title: control.title,
    example: `Ensure ${titleInSentence(control.title)}`,
  }));
}
