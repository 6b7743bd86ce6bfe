// Meta-tests over the control catalogue (Custodian style): every control builds a rule that parses,
// names only model fields, compiles, separates its own examples and points at a real action.
import { describe, expect, it } from "vitest";
import { isAgpmError } from "../../core/errors.js";
import { ANY_KIND } from "../../engine/control.js";
import { baselineResource, exampleResources, overlayResource } from "../../engine/examples.js";
import { CONTROLS, ControlParamsSchema, controlsForKind, findControl, findKind, KIND_NAMES, modelSchema, findAction } from "../../engine/registry.js";
import { instantiateControl, ruleIdFor } from "../../engine/instantiate.js";
import type { ControlDefinition, ControlParams } from "../../engine/control.js";
import { findPathProblems } from "../../engine/check-paths.js";
import { compileRule, evaluate } from "../../engine/evaluate.js";
import type { Resource } from "../../contracts/resource.js";
import { IdSchema, RuleSchema } from "../../contracts/policy.js";
import type { Rule } from "../../contracts/policy.js";

const ref = { id: "catalogue", version: 1 };

/** A value for every param, unlike any default, so a control that takes one must change its rule. */
const SAMPLE_PARAMS: Required<ControlParams> = {
  ports: [5432, 6379],
  kmsKeyId: "alias/data",
  days: 7,
  count: 10,
  prefixLength: 16,
  bpaFlags: ["ignorePublicAcls", "restrictPublicBuckets"],
  targetBucket: "central-logs",
  tags: { team: null, "cost-centre": "cc-42" },
  tagValues: { key: "tier", values: ["web", "db"] },
  namePattern: "prod-*",
};

function sampleFor(control: ControlDefinition): ControlParams {
  return Object.fromEntries((control.takes ?? []).map((name) => [name, SAMPLE_PARAMS[name]]));
}

/** The kinds a control makes rules for: its own, or every kind for an any-kind control. */
function kindsOf(control: ControlDefinition): string[] {
  return control.kind === ANY_KIND ? [...KIND_NAMES] : [control.kind];
}

/** Everything a built rule must satisfy to be usable, as a list of problems (empty = fine). */
function ruleProblems(rule: Rule): string[] {
  const parsed = RuleSchema.safeParse(rule);
  if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  const definition = findKind(rule.kind);
  if (!definition) return [`unknown kind ${rule.kind}`];
  const schema = modelSchema(definition);
  const paths = [...findPathProblems(rule.require, schema, "require"), ...(rule.when ? findPathProblems(rule.when, schema, "when") : [])];
  return paths.map((p) => `${p.conditionPath} ${p.path}: ${p.message}`);
}

function statusOf(rule: Rule, resource: Resource): string {
  return evaluate(compileRule(rule), resource, ref).status;
}

function checkExamples(control: ControlDefinition, params: ControlParams, kind: string, rule: Rule): void {
  const examples = exampleResources(control, params, kind);
  if (!examples) throw new Error(`${control.id} has no examples for ${JSON.stringify(params)}`);
  expect(statusOf(rule, examples.compliant), `${control.id} compliant example on ${kind}`).toBe("pass");
  expect(statusOf(rule, examples.noncompliant), `${control.id} noncompliant example on ${kind}`).toBe("fail");
}

function checkRemediation(control: ControlDefinition, rule: Rule): void {
  if (!rule.remediation) {
    // Only a control that says it has no fix may omit one.
    expect(control.description, `${control.id} builds no remediation`).toMatch(/no automatic fix/);
    return;
  }
  const action = findAction(rule.remediation.action);
  expect(action, `${control.id}: remediation action ${rule.remediation.action} is not in tools/aws/registry ACTIONS`).toBeDefined();
  if (!action) return;
  expect([rule.kind, ANY_KIND], `${control.id}: ${action.name} acts on ${action.kind}, not ${rule.kind}`).toContain(action.kind);
  const params = action.params.safeParse(rule.remediation.params);
  expect(params.success, `${control.id}: params ${JSON.stringify(rule.remediation.params)} rejected by ${action.name}: ${params.error?.message ?? ""}`).toBe(true);
}

describe("when walking the control catalogue", () => {
  it("has unique, well-formed ids", () => {
    const ids = CONTROLS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(IdSchema.safeParse(id).success, id).toBe(true);
    for (const id of ids) expect(findControl(id)?.id).toBe(id);
  });

  it("covers every resource kind with at least one control of its own", () => {
    for (const kind of KIND_NAMES) expect(CONTROLS.filter((c) => c.kind === kind).length, kind).toBeGreaterThan(0);
  });

  it("governs only known kinds (or any kind)", () => {
    for (const control of CONTROLS) expect([...KIND_NAMES, ANY_KIND], control.id).toContain(control.kind);
  });

  it("offers each kind its own controls and then the any-kind ones", () => {
    const anyKind = CONTROLS.filter((c) => c.kind === ANY_KIND).map((c) => c.id);
    expect(anyKind.length).toBeGreaterThan(0);
    for (const kind of KIND_NAMES) {
      const ids = controlsForKind(kind).map((c) => c.id);
      expect(ids.slice(-anyKind.length)).toEqual(anyKind);
      for (const control of CONTROLS.filter((c) => c.kind === kind)) expect(ids).toContain(control.id);
    }
  });

  it("accepts the sample params the other tests use", () => {
    expect(ControlParamsSchema.safeParse(SAMPLE_PARAMS).success).toBe(true);
  });
});

describe.each(CONTROLS.map((c) => [c.id, c] as const))("control %s", (_id, control) => {
  it("has lower-case, distinct, non-empty words", () => {
    expect(control.words.length).toBeGreaterThan(0);
    for (const word of control.words) {
      expect(word.trim(), `${control.id}: ${JSON.stringify(word)}`).not.toBe("");
      expect(word, `${control.id}: ${JSON.stringify(word)}`).toBe(word.toLowerCase());
    }
    expect(new Set(control.words).size, `${control.id} repeats a word`).toBe(control.words.length);
  });

  it("names well-formed benchmark ids", () => {
    for (const id of control.benchmarks) expect(id).toMatch(/^(CIS-AWS-3\.0-\d+(\.\d+)+|FSBP-[A-Za-z0-9]+\.\d+)$/);
    expect(new Set(control.benchmarks).size).toBe(control.benchmarks.length);
  });

  it.each(kindsOf(control))("builds a valid rule for %s with its default params, separating its examples", (kind) => {
    const [rule] = instantiateControl(control, {}, [kind]);
    if (!rule) throw new Error("no rule built");
    expect(rule.id).toBe(ruleIdFor(control, kind));
    expect(ruleProblems(rule)).toEqual([]);
    checkExamples(control, {}, kind, rule);
    checkRemediation(control, rule);
  });

});

describe.each(CONTROLS.filter((c) => (c.takes ?? []).length > 0).map((c) => [c.id, c] as const))("control %s given params", (_id, control) => {
  it("builds a different, valid rule from the params it takes", () => {
    const params = sampleFor(control);
    const [kind = control.kind] = kindsOf(control);
    const [byDefault] = instantiateControl(control, {}, [kind]);
    const [rule] = instantiateControl(control, params, [kind]);
    if (!rule) throw new Error("no rule built");
    expect(rule, `${control.id} ignores ${Object.keys(params).join(", ")}`).not.toEqual(byDefault);
    expect(ruleProblems(rule)).toEqual([]);
    checkRemediation(control, rule);
    // Examples written as a function of the params must hold for them; static ones say they cannot.
    if (typeof control.examples === "function") checkExamples(control, params, kind, rule);
    else expect(exampleResources(control, params, kind)).toBeNull();
  });
});

describe("when a control applies to any kind", () => {
  const tags = CONTROLS.find((c) => c.kind === ANY_KIND && c.takes?.includes("tags"));

  it("makes one rule per named kind, each id naming its kind", () => {
    if (!tags) throw new Error("no any-kind tags control");
    const rules = instantiateControl(tags, { tags: { owner: null } }, ["aws.s3.bucket", "aws.efs.access-point"]);
    expect(rules.map((r) => [r.id, r.kind])).toEqual([
      [`${tags.id}.s3-bucket`, "aws.s3.bucket"],
      [`${tags.id}.efs-access-point`, "aws.efs.access-point"],
    ]);
    expect(rules[0]?.title).toMatch(/^S3 bucket /);
  });

  it("refuses to guess when the intent names no kind", () => {
    if (!tags) throw new Error("no any-kind tags control");
    expect(() => instantiateControl(tags, {}, [])).toThrow(expect.objectContaining({ code: "INTENT_UNTRANSLATABLE" }));
  });

  it("refuses a tag key a condition path cannot address", () => {
    if (!tags) throw new Error("no any-kind tags control");
    let caught: unknown;
    try { tags.build({ tags: { "cost centre": null } }); } catch (error) { caught = error; }
    expect(isAgpmError(caught, "POLICY_INVALID")).toBe(true);
  });
});

describe("when building example resources", () => {
  it.each(KIND_NAMES)("makes a complete, neutral %s that its model accepts", (kind) => {
    const definition = findKind(kind);
    if (!definition) throw new Error(kind);
    const baseline = baselineResource(kind);
    expect(modelSchema(definition).strict().parse(baseline)).toEqual(baseline);
    for (const field of Object.keys(definition.model.shape)) expect(baseline, `${kind}.${field}`).toHaveProperty(field);
  });

  it("refuses an overlay naming a field the model lacks", () => {
    expect(() => overlayResource("aws.s3.bucket", { encryption: { enabeld: true } })).toThrow(/encryption\.enabeld/);
  });

  it("refuses an overlay giving a field the wrong type", () => {
    expect(() => overlayResource("aws.ebs.volume", { encrypted: "yes" })).toThrow(/encrypted/);
  });

  it("keeps the baseline under the overlay and replaces lists and tags whole", () => {
    const resource = overlayResource("aws.autoscaling.group", { availabilityZones: ["eu-west-1a"], tags: { team: "web" } });
    expect(resource.availabilityZones).toEqual(["eu-west-1a"]);
    expect(resource.tags).toEqual({ team: "web" });
    expect(resource.healthCheckType).toBe(baselineResource("aws.autoscaling.group").healthCheckType);
  });

  it("refuses examples for a kind the control does not govern", () => {
    const control = CONTROLS.find((c) => c.kind === "aws.s3.bucket");
    if (!control) throw new Error("no bucket control");
    expect(() => exampleResources(control, {}, "aws.ebs.volume")).toThrow(expect.objectContaining({ code: "INPUT_INVALID" }));
  });
});
