// The offline semantic parser: intent text → operation, kinds, chosen controls with scores,
// the parameters they take, scope entities, and what it could not place — with a confidence.
import { ANY_KIND, type ControlParams } from "../engine/control.js";
import { REGISTRY, type Registry } from "../engine/registry.js";
import { chooseDomains, controlsIn } from "./domains.js";
import type { Entities } from "./context.js";
import { recogniseEntities } from "./entities.js";
import { findKindMentions, mentionPositions } from "./kinds.js";
import { lexiconOf, type Operation } from "./lexicon.js";
import { detectOperation } from "./operation.js";
import { findOutOfScope } from "./out-of-scope.js";
import { collectParams } from "./params.js";
import { claimedAgainst } from "./scoring.js";
import { selectControls, type ControlMatch } from "./select.js";
import { normalise, tokenizeNormalised } from "./tokens.js";
import { findInjection } from "./injection.js";
import { findWeakening, type Weakening } from "./weakening.js";
import { extractSchedule } from "./schedule.js";
import type { PolicySchedule } from "../contracts/policy.js";

export type { ControlMatch } from "./select.js";

export interface ParsedIntent {
  text: string;
  operation: Operation;
  /** The intent uses an enforcement verb (ensure, require, enforce…). */
  enforce: boolean;
  /** The domains whose controls competed: the one the intent is about, or all when it does not tell. */
  domains: string[];
  /** Kinds the intent names as subjects. */
  mentionedKinds: string[];
  /** Controls chosen (one entry per rule), best first. */
  controls: ControlMatch[];
  /** The recognised values the chosen controls take. */
  params: ControlParams;
  entities: Omit<Entities, "consumed" | "evidence">;
  /** Interpretation choices, in sentences. */
  notes: string[];
  /** Content words nothing understood. */
  unrecognised: string[];
  /** Services or subjects the catalogue does not cover ("IAM users", "RDS"). */
  outOfScope: string[];
  /** Share of content words understood, 0..1. */
  confidence: number;
  /** Present when the intent asks to weaken security: the words, and the control it would undo. */
  weakening: Weakening | null;
  /** Present when the intent carries instructions to the translator ("ignore previous instructions"). */
  injection: string | null;
  /** How often the intent asks for the policy to be swept ("every 15 minutes"), if it says. */
  schedule: PolicySchedule | null;
  scheduleDescription: string | null;
}

/**
 * Parses an intent against a registry (by default the domains tools/index.ts lists): the domain
 * first, then its controls. Pure and deterministic; never throws on odd input.
 */
export function parseIntent(text: string, registry: Registry = REGISTRY): ParsedIntent {
  const lexicon = lexiconOf(registry);
  const findControl = (id: string) => registry.findControl(id);
  const timing = extractSchedule(text);
  const normalised = normalise(timing.text);
  const tokens = tokenizeNormalised(normalised);
  const domains = chooseDomains(tokens, lexicon);
  const kindAt = mentionPositions(findKindMentions(tokens, new Set(), lexicon, domains));
  const entities = recogniseEntities(tokens, normalised, kindAt, registry);
  const blocked = entities.consumed;
  const mentions = findKindMentions(tokens, blocked, lexicon, domains);
  const selection = selectControls({ tokens, text: normalised, blocked, mentions, entities, lexicon, pool: controlsIn(lexicon, domains) });
  const shield = new Set<number>([...blocked, ...selection.owned.filter((s) => s.weight >= 2).flatMap((s) => s.positions)]);
  const reading = detectOperation(tokens, shield, entities.exemption !== null);
  const evidenced = Object.values(entities.evidence).flat();
  const understood = new Set<number>([...blocked, ...kindAt, ...selection.understood, ...reading.understood, ...evidenced]);
  // "at least 2 AZs", "two instance types": a number counting what a phrase names.
  for (const s of selection.owned) if (/^(\d+|two|three|four)$/.test(tokens[s.start - 1]?.text ?? "")) understood.add(s.start - 1);
  const claimed = claimedAgainst(selection.owned, "ports", lexicon);
  const namedPorts = entities.namedPorts.filter((p) => !claimed.has(p.start)).map((p) => p.port);
  const covered = new Set(selection.owned.flatMap((s) => s.positions));
  const unrecognised = tokens.filter((t, i) => !understood.has(i) && !lexicon.fillers.has(t.stem)).map((t) => t.text);
  const content = [...understood].filter((i) => !lexicon.fillers.has(tokens[i]?.stem ?? "")).length;
  const controls = selection.matches;
  const confidence = controls.length === 0 ? 0 : content / Math.max(1, content + unrecognised.length);
  const { consumed: _consumed, evidence: _evidence, ...rest } = entities;
  const chosen = controls.map((m) => findControl(m.control)).filter((c) => c !== undefined);
  return {
    text,
    domains: [...domains],
    operation: reading.operation,
    enforce: reading.enforce,
    mentionedKinds: selection.subjects.length > 0 ? selection.subjects : [...new Set(controls.filter((c) => findControl(c.control)?.kind !== ANY_KIND).map((c) => c.kind))],
    controls,
    params: collectParams(entities, namedPorts, chosen, registry),
    entities: rest,
    notes: selection.notes,
    unrecognised,
    outOfScope: findOutOfScope(tokens, covered, lexicon),
    confidence: Math.round(confidence * 100) / 100,
    weakening: findWeakening(tokens, normalised, reading.operation, blocked, registry),
    injection: findInjection(text),
    schedule: timing.schedule,
    scheduleDescription: timing.description,
  };
}
