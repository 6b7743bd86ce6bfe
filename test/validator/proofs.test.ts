// Proof before power: synthesised examples catch inverted and vacuous rules; weakening rules
// are refused; contradictions with active policies are found.
import { describe, expect, it } from "vitest";
import { contradicts } from "../../agents/validator/conflicts.js";
import { proveRule, ruleExamples } from "../../agents/validator/proofs.js";
import { CONTROLS } from "../../engine/registry.js";
import type { Rule } from "../../contracts/policy.js";
import { weakening } from "../../engine/safety.js";

const rule = (require: Rule["require"], extra: Partial<Rule> = {}): Rule => ({
  id: "r", title: "r", severity: "high", kind: "aws.s3.bucket", require, controls: [], ...extra,
});

describe("when a rule is proved on synthesised examples", () => {
  it.each(CONTROLS.filter((c) => c.kind !== "*").map((c) => [c.id, c] as const))("the catalogue rule %s passes its proof", (_id, control) => {
    const built = control.build({}, control.kind);
    expect(proveRule(rule(built.require, { kind: control.kind, ...(built.when ? { when: built.when } : {}) }), "rule")).toEqual([]);
  });

  it("builds a compliant and a non-compliant resource for a quantified rule", () => {
    const sshClosed = rule(
      { path: "ingress", none: { all: [{ path: "world", op: "eq", value: true }, { path: "fromPort", op: "lte", value: 22 }, { path: "toPort", op: "gte", value: 22 }] } },
      { kind: "aws.ec2.security-group" },
    );
    const examples = ruleExamples(sshClosed);
    expect(examples?.compliant.ingress).toEqual([{ world: false, fromPort: 22, toPort: 22 }]);
    expect(examples?.noncompliant.ingress).toEqual([{ world: true, fromPort: 22, toPort: 22 }]);
    expect(proveRule(sshClosed, "rule")).toEqual([]);
  });

  it("catches a vacuous rule that nothing can fail", () => {
    const vacuous = rule({ any: [{ path: "encryption.enabled", op: "eq", value: true }, { path: "encryption.enabled", op: "neq", value: true }] });
    expect(proveRule(vacuous, "rule").join(" ")).toMatch(/vacuous/);
  });

  it("catches a rule that contradicts itself and can never pass", () => {
    const impossible = rule({ all: [{ path: "encryption.enabled", op: "eq", value: true }, { path: "encryption.enabled", op: "eq", value: false }] });
    expect(proveRule(impossible, "rule").join(" ")).toMatch(/can never pass/);
  });
});

describe("when a rule would weaken security", () => {
  it.each([
    ["aws.s3.bucket", { path: "isPublic", op: "eq", value: true }, "makes buckets public"],
    ["aws.s3.bucket", { not: { path: "encryption.enabled", op: "eq", value: true } }, "disables bucket encryption"],
    ["aws.ec2.instance", { path: "metadataOptions.httpTokens", op: "eq", value: "optional" }, "allows IMDSv1"],
    ["aws.ec2.security-group", { path: "ingress", some: { path: "world", op: "eq", value: true } }, "opens ports to the internet"],
  ] as const)("flags %s %j", (kind, require, effect) => {
    expect(weakening(kind, require as Rule["require"])).toBe(effect);
  });

  it("does not flag secure requirements", () => {
    for (const control of CONTROLS.filter((c) => c.kind !== "*")) {
      expect(weakening(control.kind, control.build({}, control.kind).require), control.id).toBeNull();
    }
  });
});

describe("when rules of two policies are compared", () => {
  it("finds requirements no resource can meet at once", () => {
    const keyA = rule({ path: "encryption.kmsKeyId", op: "eq", value: "alias/a" });
    const keyB = rule({ path: "encryption.kmsKeyId", op: "eq", value: "alias/b" });
    expect(contradicts(keyA, keyB)).toBe(true);
  });

  it("does not report requirements that can hold together", () => {
    const enabled = rule({ path: "versioning.status", op: "eq", value: "Enabled" });
    const notSuspended = rule({ path: "versioning.status", op: "neq", value: "Suspended" });
    const encrypted = rule({ path: "encryption.enabled", op: "eq", value: true });
    expect(contradicts(enabled, notSuspended)).toBe(false);
    expect(contradicts(enabled, encrypted)).toBe(false);
  });
});
