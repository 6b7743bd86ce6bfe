// The offline parser is built only from a registry: a tiny test-only domain ("lab", declared here on
// the Domain interface) teaches it its param values (a token form, phrases, a value after a lead),
// partitions, resource ids, not-kind phrases and filler words, and its polar words reach the
// weakening detector. None of AWS's own vocabulary is left in language/.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { ControlParams } from "../../engine/control.js";
import { describe, expect, it } from "vitest";
import type { ControlDefinition, Domain, KindDefinition, ParamDefinition } from "../../engine/domain.js";
import { createRegistry, DOMAINS, REGISTRY } from "../../engine/registry.js";
import { findKindMentions } from "../../language/kinds.js";
import { lexiconOf } from "../../language/lexicon.js";
import { parseIntent } from "../../language/parse.js";
import { tokenize } from "../../language/tokens.js";
import { findWeakening } from "../../language/weakening.js";

/**
 * A lab param. A domain adds its params to ControlParamsMap by declaration merging (tools/aws/params.ts);
 * done here it would reach every test's types (`Required<ControlParams>`), so the test-only names are cast.
 */
type LabParam = Omit<ParamDefinition, "name" | "schema" | "sample" | "recognise"> & {
  name: string;
  schema: z.ZodType;
  sample: unknown;
  recognise(found: Readonly<Record<string, unknown>>): unknown;
};
function labParam(param: LabParam): ParamDefinition {
  return param as unknown as ParamDefinition;
}

const text = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined);

const safe: KindDefinition = {
  name: "lab.vault.safe", noun: "safe", plural: "safes", service: "vault", idField: "safe id", words: ["safe", "safes"],
  model: z.object({ sealedWith: z.string().nullable(), modes: z.array(z.string()), sink: z.string().nullable() }),
};

function control(id: string, words: string[], param: string): ControlDefinition {
  return {
    id, kind: safe.name, title: `Safes: ${id}`, description: "Test-only control.", severity: "high", benchmarks: [], words, takes: [param as keyof ControlParams],
    build: () => ({ title: id, require: { path: "sealedWith", op: "truthy" } }),
    examples: { compliant: { sealedWith: "key:a" }, noncompliant: { sealedWith: null } },
  };
}

const lab: Domain = {
  name: "lab",
  kinds: [safe],
  controls: [control("lab.safe-sealed", ["sealed", "seal"], "labKey"), control("lab.safe-modes", ["mode", "modes"], "labModes"), control("lab.safe-audited", ["audited", "audit"], "labSink")],
  params: [
    labParam({ name: "labKey", description: "The key a safe is sealed with.", rank: 200, schema: z.string().min(1), sample: "key:a", token: /^key:[a-z0-9-]+$/, recognise: (found) => text(found.labKey) }),
    labParam({
      name: "labModes", description: "The modes a safe runs in.", rank: 210, schema: z.array(z.enum(["strict", "paranoid"])).min(1), sample: ["strict"],
      phrases: { strict: ["strict mode"], paranoid: ["paranoid mode"] },
      recognise: (found) => (Array.isArray(found.labModes) ? (found.labModes as string[]) : undefined),
    }),
    labParam({
      name: "labSink", description: "Where a safe's audit goes.", rank: 205, schema: z.string().min(1), sample: "journal-1",
      after: { verbs: ["audited"], leads: ["to"], skip: ["the"], nouns: ["journal"], value: /^[a-z0-9-]+$/ },
      recognise: (found) => text(found.labSink),
    }),
  ],
  polarity: { "lab.safe-sealed": { secure: ["sealed"], insecure: [] } },
  benchmarks: {},
  actions: [],
  collectors: [],
  sources: [],
  words: ["lab"],
  partitionPattern: /^zone-\d$/,
  idPattern: /^sf-\d{4}$/,
  notKindPhrases: ["safe harbor"],
  fillerWords: ["vaulted"],
};

const registry = createRegistry([lab]);
const parse = (intent: string) => parseIntent(intent, registry);

describe("a parser built from a test domain's registry", () => {
  it("reads a param value by the token form the domain declares, and a partition by its pattern", () => {
    const parsed = parse("Safes in zone-7 must be sealed with key:blue-7");
    expect(parsed.controls.map((c) => c.control)).toEqual(["lab.safe-sealed"]);
    expect(parsed.params).toEqual({ labKey: "key:blue-7" });
    expect(parsed.entities.regions).toEqual(["zone-7"]);
    // The built-in registry knows neither form.
    const builtIn = parseIntent("Safes in zone-7 must be sealed with key:blue-7");
    expect(builtIn.entities.regions).toEqual([]);
    expect(builtIn.entities.values).toEqual({});
  });

  it("reads the values the domain's phrases name, in the order it declares them", () => {
    const parsed = parse("Safes must run in paranoid mode and strict mode");
    expect(parsed.params).toEqual({ labModes: ["strict", "paranoid"] });
    expect(parse("Safes must run in strict mode").params).toEqual({ labModes: ["strict"] });
  });

  it("reads a value after a lead only in a clause with the domain's verb, vouched for by its noun or by looking like a name", () => {
    expect(parse("Safes must be audited to the journal ledger").params).toEqual({ labSink: "ledger" });
    expect(parse("Safes must be audited to ledger-3").params).toEqual({ labSink: "ledger-3" });
    expect(parse("Safes must be audited to ledger").params).toEqual({});
    expect(parse("Safes must be sealed, and go to ledger-3").entities.values).toEqual({});
  });

  it("generates the params schema from the registry's params, by rank, strict", () => {
    expect(registry.params.map((p) => p.name).slice(-3)).toEqual(["labKey", "labSink", "labModes"]);
    expect(Object.keys(registry.paramsSchema.shape).slice(-3)).toEqual(["labKey", "labSink", "labModes"]);
    expect(registry.paramsSchema.safeParse({ labModes: ["paranoid"], ports: [22] }).success).toBe(true);
    expect(registry.paramsSchema.safeParse({ labModes: ["lax"] }).success).toBe(false);
    expect(registry.paramsSchema.safeParse({ kmsKeyId: "alias/data" }).success).toBe(false);
    expect(REGISTRY.paramsSchema.safeParse({ labKey: "key:a" }).success).toBe(false);
  });

  it("skips the domain's not-kind phrases and filler words, and reads its resource ids in an exemption", () => {
    const lexicon = lexiconOf(registry);
    expect(findKindMentions(tokenize("safes must be sealed"), new Set(), lexicon).map((m) => m.kind)).toEqual(["lab.vault.safe"]);
    expect(findKindMentions(tokenize("a safe harbor must be sealed"), new Set(), lexicon)).toEqual([]);
    expect(parse("Vaulted safes must be sealed").unrecognised).toEqual([]);
    expect(parseIntent("Vaulted safes must be sealed", createRegistry([{ ...lab, fillerWords: [] }])).unrecognised).toEqual(["vaulted"]);
    const exempt = "Exempt sf-0042 from the lab.safe-sealed rule until 2027-01-31, reason: migration";
    expect(parse(exempt).entities.exemption?.names).toEqual(["sf-0042"]);
    expect(parseIntent(exempt, createRegistry([{ ...lab, idPattern: undefined }])).entities.exemption?.names).toEqual([]);
  });

  it("detects a weakening with the test registry's polar words", () => {
    const intent = "Safes must not be sealed";
    const tokens = tokenize(intent);
    expect(findWeakening(tokens, intent, "create", new Set(), registry)?.control).toBe("lab.safe-sealed");
    expect(findWeakening(tokens, intent, "create")).toBeNull();
    expect(parse(intent).weakening?.control).toBe("lab.safe-sealed");
  });
});

describe("language/", () => {
  const dir = join(import.meta.dirname, "..", "..", "language");
  // Code only: comments may quote AWS intents as examples.
  const code = readdirSync(dir).filter((f) => f.endsWith(".ts")).map((f) => [f, readFileSync(join(dir, f), "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "")] as const);
  const aws = DOMAINS.find((d) => d.name === "aws");

  it("holds none of AWS's vocabulary: AWS declares it in tools/aws and the parser reads it from the registry", () => {
    const patterns = [aws?.partitionPattern, aws?.idPattern, ...(aws?.params ?? []).flatMap((p) => [p.token, p.after?.value])].filter((re) => re !== undefined).map((re) => re.source);
    const words = [...(aws?.notKindPhrases ?? []), ...(aws?.fillerWords ?? []), ...(aws?.params ?? []).flatMap((p) => [...Object.values(p.phrases ?? {}).flat(), ...(p.after?.verbs ?? [])])];
    const params = (aws?.params ?? []).map((p) => p.name);
    expect(patterns.length).toBeGreaterThanOrEqual(4);
    expect(words.length).toBeGreaterThan(20);
    const found = code.flatMap(([file, source]) => [
      ...patterns.filter((p) => source.includes(p)).map((p) => `${file}: /${p}/`),
      ...words.filter((w) => source.includes(`"${w}"`)).map((w) => `${file}: "${w}"`),
      ...params.filter((p) => new RegExp(`\\b${p}\\b`).test(source)).map((p) => `${file}: ${p}`),
      ...["alias\\/", "(us|eu|ap", "\"server side\""].filter((s) => source.includes(s)).map((s) => `${file}: ${s}`),
    ]);
    expect(found).toEqual([]);
  });
});
