// A rule means what it claims: fixes fix, control rules equal their control, titles come from
// the IR — checked on the validator's own functions and on every offline translation of the corpus.
import { describe, expect, it } from "vitest";
import { createOfflineTranslator } from "../../agents/translator/offline.js";
import { checkFidelity, intentParams, normaliseCondition } from "../../agents/validator/fidelity.js";
import { proveRemediation } from "../../agents/validator/remediation-proof.js";
import { staticChecks } from "../../agents/validator/static-checks.js";
import { parseIntent } from "../../language/parse.js";
import { CONTROLS, findControl } from "../../engine/registry.js";
import { exampleResources } from "../../engine/examples.js";
import { instantiateControl } from "../../engine/instantiate.js";
import type { Rule } from "../../contracts/policy.js";
import { loadCorpus, planFor } from "../agents/corpus-harness.js";

const bucketRule = (over: Partial<Rule>): Rule => ({
  id: "custom", title: "anything the model says", severity: "medium", kind: "aws.s3.bucket",
  require: { path: "versioning.status", op: "eq", value: "Enabled" }, controls: [], ...over,
});
const control = (id: string) => {
  const found = findControl(id);
  if (!found) throw new Error(id);
  return found;
};

describe("when a rule's remediation is proved on its failing examples", () => {
  it("accepts a fix that makes the failing resource pass", () => {
    expect(proveRemediation(bucketRule({ remediation: { action: "s3.enable-versioning", params: {} } }), "rule")).toEqual([]);
  });

  it("refuses the inverted rule the fix cannot make pass, naming the action", () => {
    const inverted = bucketRule({ require: { path: "versioning.status", op: "eq", value: "Disabled" }, remediation: { action: "s3.enable-versioning", params: {} } });
    expect(proveRemediation(inverted, "rules[0] (custom)").join(" ")).toMatch(/rules\[0\] \(custom\): s3\.enable-versioning does not make it pass/);
  });

  it("refuses a fix for another requirement", () => {
    const wrongFix = bucketRule({ require: { path: "encryption.enabled", op: "eq", value: true }, remediation: { action: "s3.enable-versioning", params: {} } });
    expect(proveRemediation(wrongFix, "rule").join(" ")).toContain("s3.enable-versioning does not make it pass");
  });

  it("refuses a KMS fix that writes another key than the rule requires", () => {
    const otherKey = bucketRule({
      require: { path: "encryption.kmsKeyId", op: "eq", value: "alias/data" },
      remediation: { action: "s3.enable-default-encryption", params: { algorithm: "aws:kms", kmsKeyId: "alias/attacker" } },
    });
    expect(proveRemediation(otherKey, "rule").join(" ")).toContain("does not make it pass");
  });

  it("exempts manual remediations, which change nothing", () => {
    const manual = bucketRule({ require: { path: "objectLock.enabled", op: "eq", value: false }, remediation: { action: "s3.enable-object-lock", params: {} } });
    expect(proveRemediation(manual, "rule")).toEqual([]);
  });

  it("proves every catalogue control's own remediation, with and without params", () => {
    const params = [{}, { kmsKeyId: "alias/data" }, { targetBucket: "logs" }, { ports: [22, 3389] }, { days: 30 }];
    for (const c of CONTROLS.filter((x) => x.kind !== "*")) {
      for (const p of params) {
        const rule = instantiateControl(c, p)[0]!;
        const fidelity = checkFidelity(rule, c.id, [p]);
        const example = exampleResources(c, p);
        expect(fidelity.errors, `${c.id} ${JSON.stringify(p)}`).toEqual([]);
        expect(proveRemediation(rule, c.id, example ? [example.noncompliant] : []), `${c.id} ${JSON.stringify(p)}`).toEqual([]);
      }
    }
  });
});

describe("when a rule claims a catalogue control", () => {
  const versioning = instantiateControl(control("s3.bucket-versioning"), {})[0]!;

  it("accepts the control's own rule however its condition is spelled, and gives it the control's title", () => {
    const spelled = { ...versioning, title: "whatever", require: { all: [{ all: [versioning.require] }] } };
    const result = checkFidelity(spelled, "rule", [{}]);
    expect(result.errors).toEqual([]);
    expect(result.faithful?.rule.title).toBe("S3 bucket has versioning enabled");
  });

  it.each([
    ["an inverted requirement", { require: { path: "versioning.status", op: "eq", value: "Disabled" } }, /require is .*Disabled.*the control's is .*Enabled/],
    ["a lowered severity", { severity: "low" }, /severity is low, the control's is medium/],
    ["another fix", { remediation: { action: "s3.block-public-access", params: {} } }, /remediation is .*block-public-access/],
    ["a narrowing when", { when: { path: "tags.env", op: "eq", value: "never" } }, /when is .*tags\.env/],
    ["a benchmark it does not map to", { controls: ["CIS-AWS-2.1.1"] }, /cites CIS-AWS-2\.1\.1/],
  ] as const)("refuses %s, naming the difference", (_what, change, reason) => {
    const result = checkFidelity({ ...versioning, ...change } as Rule, "rules[0] (s3.bucket-versioning)", [{}]);
    expect(result.errors.join(" ")).toMatch(reason);
    expect(result.errors.join(" ")).toContain("s3.bucket-versioning");
  });

  it("recognises a claim by rule id or by a benchmark id without the control field", () => {
    const { control: _c, ...byId } = versioning;
    expect(checkFidelity({ ...byId, severity: "low" }, "rule", [{}]).errors.join(" ")).toContain("severity is low");
    const byBenchmark = bucketRule({ require: { path: "versioning.status", op: "neq", value: "Enabled" }, controls: ["FSBP-S3.14"] });
    expect(checkFidelity(byBenchmark, "rule", [{}]).errors.join(" ")).toContain("claims catalogue control s3.bucket-versioning");
  });

  it("holds a control's params to the ones the intent states", () => {
    const stated = intentParams("Encrypt all S3 buckets with KMS key alias/data");
    const kms = control("s3.bucket-kms-encrypted");
    expect(checkFidelity(instantiateControl(kms, { kmsKeyId: "alias/data" })[0]!, "rule", stated).errors).toEqual([]);
    expect(checkFidelity(instantiateControl(kms, { kmsKeyId: "alias/attacker" })[0]!, "rule", stated).errors.join(" ")).toContain("alias/attacker");
  });

  it("compares conditions by meaning, not spelling", () => {
    const a = { path: "a", op: "eq", value: 1 } as const;
    const b = { path: "b", op: "eq", value: 2 } as const;
    expect(normaliseCondition({ all: [b, { all: [a] }] })).toEqual(normaliseCondition({ all: [a, b] }));
    expect(normaliseCondition({ not: { not: a } })).toEqual(a);
  });
});

describe("when the offline translator's drafts are validated", () => {
  const translator = createOfflineTranslator();
  const lines = loadCorpus().filter((l) => !l.expect.refuse);

  it("every corpus draft passes the new proofs unchanged, so its policy id stays the same", async () => {
    let checkedDrafts = 0;
    for (const line of lines) {
      const parsed = parseIntent(line.intent);
      if (parsed.weakening) continue;
      const plan = planFor(parsed);
      const out = await translator.translate({ intent: line.intent, plan, feedback: [], previous: null }).catch(() => null);
      if (!out) continue;
      const checked = staticChecks(out.draft, plan, { retained: [], exemptions: [], stated: intentParams(line.intent) });
      expect(checked.errors, `${line.file}:${line.line} ${line.intent}`).toEqual([]);
      expect(checked.rules, line.intent).toEqual(out.draft.rules);
      checkedDrafts++;
    }
    expect(checkedDrafts).toBeGreaterThan(100);
  });
});
