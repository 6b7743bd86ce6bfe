import { describe, expect, it } from "vitest";
import { compilePolicy, compileRule, evaluate, evaluatePolicy } from "../../engine/evaluate.js";
import type { Resource } from "../../contracts/resource.js";
import { FindingSchema } from "../../contracts/resource.js";
import { PolicySchema } from "../../contracts/policy.js";
import type { Policy } from "../../contracts/policy.js";
import { bucket, fileSystem, ingressRule, instance, NO_WORLD_SSH, rule, securityGroup } from "./fixtures.js";

const ref = { id: "s3-baseline", version: 3 };
const encryptedRule = compileRule(rule({ id: "s3-encrypted", title: "S3 buckets are encrypted", require: { path: "encryption.enabled", op: "eq", value: true } }));

describe("when evaluating one rule against one resource", () => {
  it("passes a compliant resource with evidence and the policy's identity", () => {
    const finding = evaluate(encryptedRule, bucket(), ref);
    expect(FindingSchema.parse(finding)).toEqual(finding);
    expect(finding).toMatchObject({
      policyId: "s3-baseline", policyVersion: 3, ruleId: "s3-encrypted", kind: "aws.s3.bucket",
      resourceId: "app-logs", region: "eu-west-1", status: "pass",
    });
    expect(finding.evidence).toEqual([{ path: "encryption.enabled", expected: "equal to true", actual: true }]);
  });

  it("fails with one clear sentence from the first failing evidence", () => {
    const finding = evaluate(encryptedRule, bucket({ encryption: { enabled: false, algorithm: null } }), ref);
    expect(finding.status).toBe("fail");
    expect(finding.reason).toBe("encryption.enabled is false, expected equal to true");
  });

  it("says a missing field is missing", () => {
    const r = compileRule(rule({ require: { path: "tags.owner", op: "exists" } }));
    expect(evaluate(r, bucket({ tags: {} }), ref).reason).toBe("tags.owner is missing, expected present");
  });

  it("summarises a quantifier failure by counting the offending entries", () => {
    const sgRule = compileRule(rule({ kind: "aws.ec2.security-group", require: NO_WORLD_SSH }));
    const sg = securityGroup([ingressRule(), ingressRule({ world: true, fromPort: 0, toPort: 65535 })]);
    const finding = evaluate(sgRule, sg, ref);
    expect(finding.status).toBe("fail");
    expect(finding.reason).toBe(
      "ingress has 1 of 2 entries matching, expected no entry that has world equal to true, fromPort at most 22 and toPort at least 22",
    );
    expect(finding.evidence.map((e) => e.path)).toContain("ingress[1].world");
  });

  it("uses a rule-specific reason when one is given, and the generic one when it declines", () => {
    const specific = compileRule(encryptedRule.rule, { reason: (_r, resource) => `bucket ${resource.id} has no default encryption` });
    expect(evaluate(specific, bucket({ encryption: { enabled: false } }), ref).reason).toBe("bucket app-logs has no default encryption");
    const declining = compileRule(encryptedRule.rule, { reason: () => undefined });
    expect(evaluate(declining, bucket({ encryption: { enabled: false } }), ref).reason).toMatch(/^encryption\.enabled is false/);
  });

  it("skips a resource of another kind", () => {
    const finding = evaluate(encryptedRule, fileSystem(), ref);
    expect(finding.status).toBe("skip");
    expect(finding.kind).toBe("aws.efs.file-system");
  });

  it("skips a resource for which `when` is false, saying why", () => {
    const running = compileRule(rule({
      kind: "aws.ec2.instance",
      when: { path: "state", op: "eq", value: "running" },
      require: { path: "metadataOptions.httpTokens", op: "eq", value: "required" },
    }));
    const skipped = evaluate(running, instance({ state: "stopped" }), ref);
    expect(skipped.status).toBe("skip");
    expect(skipped.reason).toBe('not applicable: state is "stopped", expected equal to "running"');
    expect(evaluate(running, instance(), ref).status).toBe("fail");
  });

  it("reports an error for a resource whose collection failed", () => {
    const broken: Resource = { ...bucket(), collectErrors: ["GetBucketEncryption: AccessDenied"] };
    const finding = evaluate(encryptedRule, broken, ref);
    expect(finding.status).toBe("error");
    expect(finding.reason).toContain("AccessDenied");
  });

  it("reports an error, not an exception, when evaluation throws", () => {
    const hostile = { ...bucket() } as Resource;
    Object.defineProperty(hostile, "encryption", { get: () => { throw new Error("boom"); }, enumerable: true });
    const finding = evaluate(encryptedRule, hostile, ref);
    expect(finding.status).toBe("error");
    expect(finding.reason).toBe("evaluation failed: boom");
  });

  it("names the rule when its condition does not compile", () => {
    expect(() => compileRule(rule({ id: "bad", require: { path: "name", op: "matches", value: "(" } })))
      .toThrow(/rules\[bad\]\.require/);
  });
});

describe("when evaluating a whole policy", () => {
  const policy: Policy = PolicySchema.parse({
    id: "baseline", version: 2, title: "Baseline", intent: "buckets encrypted and versioned; no SSH from the world", mode: "audit",
    scope: { regions: ["eu-west-1"] },
    rules: [
      rule({ id: "s3-encrypted", require: { path: "encryption.enabled", op: "eq", value: true } }),
      rule({ id: "s3-versioned", when: { path: "tags.env", op: "eq", value: "prod" }, require: { path: "versioning.status", op: "eq", value: "Enabled" } }),
      rule({ id: "sg-ssh", kind: "aws.ec2.security-group", require: NO_WORLD_SSH }),
    ],
  });

  const resources: Resource[] = [
    bucket({ id: "good" }),
    bucket({ id: "plain", encryption: { enabled: false } }),
    bucket({ id: "dev", tags: { env: "dev" } }),
    { ...bucket({ id: "unreadable" }), collectErrors: ["AccessDenied"] },
    bucket({ id: "elsewhere", region: "us-east-1", encryption: { enabled: false } }),
    securityGroup([ingressRule({ world: true, fromPort: 22, toPort: 22 })]),
    instance(),
    bucket({ id: "good" }),
  ];

  it("gives one finding per applicable rule and in-scope resource of the policy's kinds", () => {
    const { findings } = evaluatePolicy(policy, resources);
    const ids = new Set(findings.map((f) => f.resourceId));
    expect(ids.has("elsewhere")).toBe(false);
    expect(ids.has("i-0abc")).toBe(false);
    expect(findings.filter((f) => f.resourceId === "good")).toHaveLength(2);
    expect(findings.find((f) => f.resourceId === "dev" && f.ruleId === "s3-versioned")?.status).toBe("skip");
    expect(findings.every((f) => f.policyId === "baseline" && f.policyVersion === 2)).toBe(true);
  });

  it("counts each distinct resource once, by its worst outcome", () => {
    const { summary } = evaluatePolicy(policy, resources);
    // good (listed twice) and dev pass; plain and the security group fail; unreadable errors
    expect(summary).toEqual({ resources: 5, passed: 2, failed: 2, errors: 1, skipped: 0 });
  });

  it("counts a resource whose every rule is skipped as skipped", () => {
    const onlyWhen = PolicySchema.parse({ ...policy, rules: [policy.rules[1]] });
    expect(evaluatePolicy(onlyWhen, [bucket({ tags: { env: "dev" } })]).summary).toEqual({ resources: 1, passed: 0, failed: 0, errors: 0, skipped: 1 });
  });

  it("gives the same result from a compiled policy", () => {
    expect(evaluatePolicy(compilePolicy(policy), resources)).toEqual(evaluatePolicy(policy, resources));
  });

  it("uses a per-rule reason formatter supplied at compile time", () => {
    const compiled = compilePolicy(policy, (r) => (r.id === "s3-encrypted" ? () => "no default encryption" : undefined));
    const plain = evaluatePolicy(compiled, resources).findings.find((f) => f.resourceId === "plain");
    expect(plain?.reason).toBe("no default encryption");
  });
});
