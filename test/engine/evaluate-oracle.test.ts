// evaluatePolicy must give exactly what the pre-optimisation implementation gave (issue 11): every
// finding — status, reason, evidence, order — and the summary, for the whole catalogue over accounts
// the sandbox generates and collects. The oracle is that implementation, kept verbatim in
// test/engine/reference-*.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compilePolicy, evaluatePolicy } from "../../engine/evaluate.js";
import type { ReasonFormatter } from "../../engine/evaluate.js";
import { instantiateControl } from "../../engine/instantiate.js";
import { CONTROLS, KIND_NAMES } from "../../engine/registry.js";
import { PolicySchema } from "../../contracts/policy.js";
import type { Policy, Rule } from "../../contracts/policy.js";
import type { Finding, Resource } from "../../contracts/resource.js";
import { collectAll } from "../../tools/aws/inventory.js";
import { generateDemoAccount, generateScaleAccount } from "../../tools/aws/sandbox/index.js";
import type { SandboxFile } from "../../tools/aws/sandbox/index.js";
import { openSandbox } from "../aws/sandbox-helpers.js";
import * as reference from "./reference-evaluate.js";

const NOW = new Date("2027-03-31T12:00:00Z");
const catalogueRules: Rule[] = CONTROLS.flatMap((c) => instantiateControl(c, {}, KIND_NAMES));

function catalogue(overrides: Partial<Policy> = {}): Policy {
  return PolicySchema.parse({
    id: "catalogue", version: 4, title: "every control", intent: "oracle", mode: "audit", scope: {}, rules: catalogueRules, ...overrides,
  });
}

/** Scope narrowing on every axis, and exemptions by name, by tag, for all rules, and one expired. */
function narrowed(regions: readonly string[]): Policy {
  return catalogue({
    scope: { regions: [...regions], exclude: { names: ["*-7*"], tags: { "skip-me": null } } },
    exemptions: [
      { id: "ex-names", rules: catalogueRules.slice(0, 30).map((r) => r.id), names: ["*1*", "*a*"], tags: {}, reason: "legacy estate", owner: "alice", expires: "2027-04-01" },
      { id: "ex-tags", rules: [], names: [], tags: { env: "dev" }, reason: "dev accounts", owner: "bob", expires: null },
      { id: "ex-expired", rules: [], names: ["*"], tags: {}, reason: "gone", owner: "carol", expires: "2027-03-30" },
    ],
  });
}

/** Rule-specific reasons for some rules, declining for others, and one that throws (an `error` finding). */
const reasonFor = (rule: Rule): ReasonFormatter | undefined => {
  const n = catalogueRules.indexOf(rule) % 3;
  if (n === 0) return (failure, resource) => `${resource.id} fails ${rule.id} (${failure.evidence.length} pieces of evidence)`;
  if (n === 1) return rule.kind === "aws.ec2.instance" ? () => { throw new Error("formatter broke"); } : () => undefined;
  return undefined;
};

/**
 * The collected resources plus the cases collection rarely gives: a resource listed twice (the same
 * object, and a copy), failed collection, a field that throws when read, and a kind no rule covers.
 */
function withEdgeCases(resources: readonly Resource[]): Resource[] {
  const [first, second, third, fourth] = resources.filter((r) => r.kind === "aws.s3.bucket");
  const instance = resources.find((r) => r.kind === "aws.ec2.instance");
  const extra: Resource[] = [{ kind: "aws.unknown.thing", id: "x-1", region: "us-east-1", account: "123456789012", name: null, tags: {} }];
  if (first && second && third && fourth && instance) {
    const hostile = { ...third, id: `${third.id}-hostile` } as Resource;
    Object.defineProperty(hostile, "encryption", { get: () => { throw new Error("boom"); }, enumerable: true });
    extra.push(first, { ...second }, { ...fourth, id: `${fourth.id}-broken`, collectErrors: ["GetBucketPolicy: AccessDenied", "throttled"] } as Resource, hostile);
    extra.push({ ...instance, id: `${instance.id}-tagged`, tags: { ...instance.tags, "skip-me": "yes", env: "dev" } });
  }
  return [...resources, ...extra];
}

async function collect(file: SandboxFile): Promise<Resource[]> {
  const sandbox = await openSandbox(file, { concurrency: 32 });
  try {
    const { resources, failures } = await collectAll(sandbox.ctx, KIND_NAMES);
    expect(failures).toEqual([]);
    return withEdgeCases(resources);
  } finally {
    sandbox.dispose();
  }
}

const ACCOUNTS: ReadonlyArray<[string, () => SandboxFile]> = [
  ["the demo account", () => generateDemoAccount()],
  ["a generated account (seed 1)", () => generateScaleAccount({ resources: 1200, seed: 1 })],
  ["a generated account (seed 7)", () => generateScaleAccount({ resources: 1200, seed: 7 })],
  ["a generated account (seed 42)", () => generateScaleAccount({ resources: 1200, seed: 42 })],
];

/** Every status the reference gave, so a test whose accounts stopped covering one fails. */
const statusesSeen = new Set<string>();
afterAll(() => {
  expect([...statusesSeen].sort()).toEqual(["error", "exempt", "fail", "not-applicable", "pass", "skip"]);
});

function note(findings: readonly Finding[]): void {
  for (const f of findings) {
    statusesSeen.add(f.status);
    if (f.reason.startsWith("exempt: ")) statusesSeen.add("exempt");
    if (f.reason.startsWith("not applicable: ")) statusesSeen.add("not-applicable");
  }
}

describe.each(ACCOUNTS)("when the whole catalogue is evaluated over %s", (_, generate) => {
  let resources: Resource[] = [];
  beforeAll(async () => { resources = await collect(generate()); }, 60_000);

  it("gives the oracle's findings and summary, in order", () => {
    const policy = catalogue();
    const expected = reference.evaluatePolicy(policy, resources, NOW);
    note(expected.findings);
    expect(expected.findings.length).toBeGreaterThan(resources.length);
    expect(evaluatePolicy(policy, resources, NOW)).toStrictEqual(expected);
    // a compiled policy evaluated twice: nothing one call leaves behind changes the next
    const compiled = compilePolicy(policy, undefined, NOW);
    expect(evaluatePolicy(compiled, resources)).toStrictEqual(expected);
    expect(evaluatePolicy(compiled, resources)).toStrictEqual(expected);
  });

  it("gives the oracle's findings with a narrowed scope, exemptions and rule-specific reasons", () => {
    const regions = [...new Set(resources.map((r) => r.region))].slice(0, 2);
    const policy = narrowed(regions);
    const expected = reference.evaluatePolicy(reference.compilePolicy(policy, reasonFor, NOW), resources);
    note(expected.findings);
    expect(evaluatePolicy(compilePolicy(policy, reasonFor, NOW), resources)).toStrictEqual(expected);
    expect(evaluatePolicy(policy, resources, NOW)).toStrictEqual(reference.evaluatePolicy(policy, resources, NOW));
  });

  it("gives the oracle's findings for each kind's rules alone, and resources in reverse order", () => {
    const reversed = [...resources].reverse();
    for (const kind of KIND_NAMES) {
      const policy = catalogue({ id: `only-${kind}`, rules: catalogueRules.filter((r) => r.kind === kind) });
      expect(evaluatePolicy(policy, reversed, NOW), kind).toStrictEqual(reference.evaluatePolicy(policy, reversed, NOW));
    }
  });
});
