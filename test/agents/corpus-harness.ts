// The intent corpus: loading its JSON Lines, translating a line the way the planner and the
// offline translator do, and comparing the outcome with the line's expected semantics.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import { isAgpmError } from "../../core/errors.js";
import { parseIntent, type ParsedIntent } from "../../language/parse.js";
import { refusalFor } from "../../agents/planner/refusal.js";
import { scopeFromEntities } from "../../agents/planner/scope.js";
import { createOfflineTranslator } from "../../agents/translator/offline.js";
import { ScopeSchema } from "../../contracts/policy.js";
import type { Plan } from "../../contracts/run.js";

export const CORPUS_DIR = fileURLToPath(new URL("../fixtures/intents/", import.meta.url));

const PortsSchema = z.array(z.union([z.number().int(), z.object({ from: z.number().int(), to: z.number().int() }).strict()]));
const ExpectSchema = z
  .object({
    /** Rule ids, sorted: the control id, or `<control>.<kind>` for any-kind controls. */
    controls: z.array(z.string()),
    operation: z.enum(["create", "update", "check-only", "retire", "exempt"]),
    scope: ScopeSchema.optional(),
    /** The params passed to the controls; a port range stands for each of its ports. */
    params: z.record(z.string(), z.unknown()).and(z.object({ ports: PortsSchema.optional() })).optional(),
    exemption: z
      .object({ names: z.array(z.string()), tags: z.record(z.string(), z.string().nullable()), until: z.string().nullable(), reason: z.string().nullable(), owner: z.string().nullable() })
      .strict()
      .optional(),
    refuse: z.literal(true).optional(),
  })
  .strict();
const LineSchema = z.object({ intent: z.string().min(1), expect: ExpectSchema }).strict();
export type Expectation = z.infer<typeof ExpectSchema>;

export interface CorpusLine {
  /** File name without extensions: the control family. */
  family: string;
  heldOut: boolean;
  file: string;
  line: number;
  intent: string;
  expect: Expectation;
}

/** Every line of every corpus file; a malformed line throws naming its file and line. */
export function loadCorpus(dir = CORPUS_DIR): CorpusLine[] {
  const lines: CorpusLine[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".jsonl")).sort()) {
    const heldOut = file.endsWith(".heldout.jsonl");
    const family = file.replace(/(\.heldout)?\.jsonl$/, "");
    readFileSync(join(dir, file), "utf8").split("\n").forEach((text, i) => {
      if (text.trim() === "") return;
      const parsed = LineSchema.safeParse(JSON.parse(text));
      if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.message}`);
      lines.push({ family, heldOut, file, line: i + 1, ...parsed.data });
    });
  }
  return lines;
}

export interface Outcome {
  refused: boolean;
  reason: string | null;
  controls: string[];
  operation: string;
  scope: unknown;
  params: Record<string, unknown>;
  exemption: unknown;
  notes: string[];
}

const translator = createOfflineTranslator();

/** The plan the planner makes for a parsed intent that acts on no stored policy. */
export function planFor(parsed: ParsedIntent): Plan {
  return {
    operation: parsed.operation,
    kinds: [...new Set(parsed.controls.map((c) => c.kind))],
    scope: scopeFromEntities(parsed.entities),
    existing: null,
    interpretation: [],
  };
}

/** Translates an intent as the governance graph does: planner checks, then the offline translator. */
export async function translateLine(intent: string): Promise<Outcome> {
  const parsed = parseIntent(intent);
  const base = { controls: [], operation: parsed.operation, scope: {}, params: {}, exemption: parsed.entities.exemption, notes: [] };
  const refusal = refusalFor(parsed);
  if (refusal) return { ...base, refused: true, reason: refusal.message.split("\n")[0] ?? "" };
  const plan = planFor(parsed);
  try {
    const out = await translator.translate({ intent, plan, feedback: [], previous: null });
    return {
      refused: false,
      reason: null,
      controls: out.draft.rules.map((r) => r.id).sort(),
      operation: parsed.operation,
      scope: out.draft.scope,
      params: { ...parsed.params },
      exemption: parsed.entities.exemption,
      notes: out.notes,
    };
  } catch (error) {
    if (!isAgpmError(error, "INTENT_UNTRANSLATABLE")) throw error;
    return { ...base, refused: true, reason: error.message.split("\n")[0] ?? "" };
  }
}

function expectedParams(params: Expectation["params"]): Record<string, unknown> {
  if (!params) return {};
  const { ports, ...rest } = params;
  if (!ports) return rest;
  const all = new Set<number>();
  for (const p of ports) {
    if (typeof p === "number") all.add(p);
    else for (let n = p.from; n <= p.to; n++) all.add(n);
  }
  return { ...rest, ports: [...all].sort((a, b) => a - b) };
}

/** What differs between the expectation and the outcome; empty when translated exactly right. */
export function differences(expect: Expectation, outcome: Outcome): string[] {
  if (expect.refuse) return outcome.refused ? [] : [`expected a refusal, got ${outcome.controls.join(", ")}`];
  if (outcome.refused) return [`refused: ${outcome.reason}`];
  const diffs: string[] = [];
  const check = (what: string, want: unknown, got: unknown) => {
    if (!isDeepStrictEqual(want, got)) diffs.push(`${what}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  };
  check("controls", expect.controls, outcome.controls);
  check("operation", expect.operation, outcome.operation);
  check("scope", expect.scope ?? {}, outcome.scope);
  check("params", expectedParams(expect.params), outcome.params);
  check("exemption", expect.exemption ?? null, outcome.exemption);
  return diffs;
}
