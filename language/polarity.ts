// The polar phrases of every domain's controls (each domain's words file says which words name the
// state a control requires and which the state it forbids), indexed for the weakening detector.
import { ANY_KIND } from "../engine/control.js";
import { POLARITY, REGISTRY, type Registry } from "../engine/registry.js";
import { phraseStems } from "./tokens.js";

export { POLARITY };

export type Polarity = "secure" | "insecure";

export interface PolarPhrase {
  stems: string[];
  polarity: Polarity;
  /** Controls whose state the phrase names, by kind ("*" for any-kind controls); `primary` when it is the control's own word. */
  controls: ReadonlyArray<{ control: string; kind: string; primary: boolean }>;
}

function buildPolarPhrases(registry: Registry): PolarPhrase[] {
  const byKey = new Map<string, PolarPhrase>();
  for (const control of registry.controls) {
    const entry = registry.polarity[control.id];
    if (!entry) continue;
    const lists: Array<[Polarity, readonly string[], boolean]> = [
      ["secure", entry.secure, true],
      ["insecure", entry.insecure, true],
      ["secure", entry.also?.secure ?? [], false],
      ["insecure", entry.also?.insecure ?? [], false],
    ];
    for (const [polarity, phrases, primary] of lists) {
      for (const phrase of phrases) {
        const stems = phraseStems(phrase);
        const key = `${polarity}:${stems.join(" ")}`;
        const known = byKey.get(key) ?? { stems, polarity, controls: [] };
        byKey.set(key, { ...known, controls: [...known.controls, { control: control.id, kind: control.kind, primary }] });
      }
    }
  }
  return [...byKey.values()].sort((a, b) => b.stems.length - a.stems.length);
}

const built = new WeakMap<Registry, readonly PolarPhrase[]>();

/** Every polar phrase of a registry's controls, longest first; one entry per (stems, polarity). Built once per registry. */
export function polarPhrasesOf(registry: Registry = REGISTRY): readonly PolarPhrase[] {
  let phrases = built.get(registry);
  if (!phrases) {
    phrases = buildPolarPhrases(registry);
    built.set(registry, phrases);
  }
  return phrases;
}

/** The control a phrase most likely weakens, preferring one of the kinds the intent names. */
export function controlFor(phrase: PolarPhrase, kinds: readonly string[]): string {
  const { controls } = phrase;
  const chosen = kinds.map((k) => controls.find((c) => c.kind === k)).find((c) => c !== undefined) ?? controls.find((c) => c.kind === ANY_KIND) ?? controls.find((c) => c.primary) ?? controls[0];
  return chosen?.control ?? "";
}

/** "s3.bucket-versioning (S3 buckets have versioning enabled)" */
export function describeControl(id: string, registry: Registry = REGISTRY): string {
  const control = registry.findControl(id);
  return control ? `${control.id} (${control.title})` : id;
}
