// Meta-tests over the registry, for every domain tools/index.ts lists: params, kinds, controls,
// actions, collectors and sources hang together, so a new domain is checked by the same walk.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isAgpmError } from "../../core/errors.js";
import type { Target } from "../../contracts/target.js";
import { ANY_KIND } from "../../engine/control.js";
import {
  ACTIONS, BENCHMARKS, COLLECTORS, CONTROLS, ControlParamsSchema, DOMAINS, KIND_NAMES, KINDS, PARAMS, POLARITY, domainOfKind, findKind, openSession, simulatedSource, sourceFor,
} from "../../engine/registry.js";

describe.each(DOMAINS.map((d) => [d.name, d] as const))("the %s domain", (name, domain) => {
  it("names its kinds under its own prefix, each once", () => {
    for (const kind of domain.kinds) expect(kind.name.startsWith(`${name}.`), kind.name).toBe(true);
    expect(new Set(domain.kinds.map((k) => k.name)).size).toBe(domain.kinds.length);
  });

  it("has a collector for every kind, and no collector for a kind it does not own", () => {
    expect(domain.collectors.map((c) => c.kind).sort()).toEqual(domain.kinds.map((k) => k.name).sort());
  });

  it("builds controls and actions only for its own kinds (or any kind)", () => {
    const own = new Set(domain.kinds.map((k) => k.name));
    expect(domain.controls.filter((c) => !own.has(c.kind)).map((c) => c.id)).toEqual([]);
    expect(domain.actions.filter((a) => a.kind !== ANY_KIND && !own.has(a.kind)).map((a) => a.name)).toEqual([]);
  });

  it("names only benchmark ids from its own table", () => {
    expect(domain.controls.flatMap((c) => c.benchmarks.filter((id) => !Object.hasOwn(domain.benchmarks, id)))).toEqual([]);
  });

  it("has polar words only for controls it has", () => {
    const ids = new Set(domain.controls.map((c) => c.id));
    expect(Object.keys(domain.polarity).filter((id) => !ids.has(id))).toEqual([]);
  });

  it("names each service by words its kinds use, and covers none of the services it declares not covered", () => {
    const kindWords = new Set(domain.kinds.flatMap((k) => k.words));
    expect((domain.services ?? []).flatMap((s) => s.words.filter((w) => !kindWords.has(w)))).toEqual([]);
    expect((domain.notCovered ?? []).filter((w) => kindWords.has(w))).toEqual([]);
  });

  it("declares value recognisers its params' schemas and samples agree with", () => {
    for (const param of domain.params) {
      if (param.phrases) expect(param.schema.safeParse(Object.keys(param.phrases)).success, param.name).toBe(true);
      // A sample written as a value is one the recogniser would read.
      for (const re of [param.token, param.after?.value]) if (re) expect(re.test(String(param.sample)), param.name).toBe(true);
    }
  });

  it("has a source for each target type it serves", () => {
    for (const source of domain.sources) for (const type of source.targetTypes) expect(sourceFor(type)).toBe(source);
  });
});

describe("the registry", () => {
  it("declares every control param exactly once, with a sample its schema accepts", () => {
    expect(PARAMS.map((p) => p.name)).toEqual(Object.keys(ControlParamsSchema.shape));
    expect(new Set(PARAMS.map((p) => p.rank)).size).toBe(PARAMS.length);
    // Ranks keep the key order the hand-kept schema had, so recognised params print as before.
    expect(PARAMS.map((p) => p.name)).toEqual(["ports", "kmsKeyId", "days", "count", "prefixLength", "bpaFlags", "targetBucket", "tags", "tagValues", "namePattern"]);
    for (const param of PARAMS) expect(param.schema.safeParse(param.sample).success, param.name).toBe(true);
  });

  it("recognises each param from what the entity recognisers found, and nothing from nothing", () => {
    for (const param of PARAMS) expect(param.recognise({}), param.name).toBeUndefined();
    const found = { ports: [22], kmsKeyId: "alias/data", days: 30, count: 5, prefixLength: 16, bpaFlags: ["blockPublicAcls"], targetBucket: "logs", requiredTags: { owner: null }, tagValues: { key: "env", values: ["prod"] }, namePattern: "prod-*" };
    for (const param of PARAMS) expect(param.schema.safeParse(param.recognise(found)).success, param.name).toBe(true);
  });

  it("lets controls take only registered params", () => {
    const names = new Set<string>(PARAMS.map((p) => p.name));
    expect(CONTROLS.flatMap((c) => (c.takes ?? []).filter((t) => !names.has(t)).map((t) => `${c.id}: ${t}`))).toEqual([]);
  });

  it("finds each kind, and its domain, by name", () => {
    for (const kind of KINDS) {
      expect(findKind(kind.name)).toBe(kind);
      expect(domainOfKind(kind.name)?.kinds).toContain(kind);
    }
    expect(findKind("k8s.workload")).toBeUndefined();
  });

  it("joins the domains' lists without losing or doubling an entry", () => {
    const sum = (pick: (d: (typeof DOMAINS)[number]) => readonly unknown[]) => DOMAINS.reduce((n, d) => n + pick(d).length, 0);
    expect(KINDS.length).toBe(sum((d) => d.kinds));
    expect(ACTIONS.length).toBe(sum((d) => d.actions));
    expect(COLLECTORS.length).toBe(sum((d) => d.collectors));
    expect(CONTROLS.filter((c) => c.kind !== ANY_KIND).length).toBe(sum((d) => d.controls));
    expect(Object.keys(BENCHMARKS).length).toBe(DOMAINS.reduce((n, d) => n + Object.keys(d.benchmarks).length, 0));
    for (const control of CONTROLS) expect(POLARITY[control.id], control.id).toBeDefined();
  });

  it("refuses a target type no domain serves, with INPUT_INVALID", async () => {
    const error = await Promise.resolve().then(() => openSession({ type: "kubeconfig", file: "x" } as unknown as Target)).catch((e: unknown) => e);
    expect(isAgpmError(error) && error.code).toBe("INPUT_INVALID");
    expect(String((error as Error).message)).toContain('"kubeconfig"');
  });
});

describe("a simulated source (agpm sandbox init)", () => {
  const dir = mkdtempSync(join(tmpdir(), "agpm-simulated-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes a generated target the same for the same seed, which its session opens and reads", async () => {
    const source = simulatedSource();
    // One account file, or a folder of them (an organisation).
    expect(source?.targetTypes).toEqual(["sandbox", "sandbox-org"]);
    const [a, b, c] = ["a.json", "b.json", "c.json"].map((f) => join(dir, f)) as [string, string, string];
    source?.initSimulated(a, { resources: 40, seed: 7 });
    source?.initSimulated(b, { resources: 40, seed: 7 });
    source?.initSimulated(c, { resources: 40, seed: 8 });
    expect(readFileSync(a, "utf8")).toBe(readFileSync(b, "utf8"));
    expect(readFileSync(a, "utf8")).not.toBe(readFileSync(c, "utf8"));
    const session = await openSession({ type: "sandbox", file: a });
    try {
      const { resources, failures } = await session.collect(KIND_NAMES);
      expect(failures).toEqual([]);
      expect(resources.length).toBeGreaterThanOrEqual(20);
      expect(session.partitions().length).toBeGreaterThan(0);
      const [first] = resources;
      if (first) expect((await session.collectOne(first.kind, first.id, first.region))?.id).toBe(first.id);
    } finally {
      session.close();
    }
  });
});
