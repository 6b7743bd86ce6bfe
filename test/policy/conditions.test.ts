import { describe, expect, it } from "vitest";
import { isAgpmError } from "../../core/errors.js";
import { compileCondition, compileTest, MAX_ENTRY_EVIDENCE } from "../../engine/compile.js";
import type { Condition } from "../../contracts/policy.js";
import { bucket, ingressRule, NO_WORLD_SSH, securityGroup } from "./fixtures.js";

const encrypted: Condition = { path: "encryption.enabled", op: "eq", value: true };
const kms: Condition = { path: "encryption.algorithm", op: "eq", value: "aws:kms" };
const versioned: Condition = { path: "versioning.status", op: "eq", value: "Enabled" };

describe("when combining conditions", () => {
  const plain = bucket({ encryption: { enabled: false, algorithm: null }, versioning: { status: "Disabled" } });

  it("a failing all reports only its failing children", () => {
    const result = compileCondition({ all: [encrypted, kms, { path: "isPublic", op: "eq", value: false }] })(plain);
    expect(result.ok).toBe(false);
    expect(result.evidence.map((e) => e.path)).toEqual(["encryption.enabled", "encryption.algorithm"]);
  });

  it("a passing all reports every check", () => {
    const result = compileCondition({ all: [encrypted, kms] })(bucket());
    expect(result).toEqual({
      ok: true,
      evidence: [
        { path: "encryption.enabled", expected: "equal to true", actual: true },
        { path: "encryption.algorithm", expected: 'equal to "aws:kms"', actual: "aws:kms" },
      ],
    });
  });

  it("a failing any reports every child; a passing one, the child that passed", () => {
    const failing = compileCondition({ any: [encrypted, versioned] })(plain);
    expect(failing.ok).toBe(false);
    expect(failing.evidence.map((e) => e.path)).toEqual(["encryption.enabled", "versioning.status"]);
    const passing = compileCondition({ any: [encrypted, versioned] })(bucket({ encryption: { enabled: false } }));
    expect(passing).toEqual({ ok: true, evidence: [{ path: "versioning.status", expected: 'equal to "Enabled"', actual: "Enabled" }] });
  });

  it("not flips the result and phrases the evidence as the opposite expectation", () => {
    const result = compileCondition({ not: { path: "isPublic", op: "eq", value: true } })(bucket({ isPublic: true }));
    expect(result).toEqual({ ok: false, evidence: [{ path: "isPublic", expected: "not equal to true", actual: true }] });
    expect(compileCondition({ not: { not: encrypted } })(bucket()).ok).toBe(true);
  });

  it("not over all behaves as any of the negations", () => {
    const notBoth = compileCondition({ not: { all: [encrypted, versioned] } });
    expect(notBoth(bucket()).ok).toBe(false);
    expect(notBoth(bucket({ versioning: { status: "Suspended" } })).ok).toBe(true);
    const failing = notBoth(bucket());
    expect(failing.evidence).toEqual([
      { path: "encryption.enabled", expected: "not equal to true", actual: true },
      { path: "versioning.status", expected: 'not equal to "Enabled"', actual: "Enabled" },
    ]);
  });

  it("compileTest agrees with compileCondition", () => {
    const cond: Condition = { any: [{ all: [encrypted, kms] }, { not: versioned }] };
    const full = compileCondition(cond);
    const fast = compileTest(cond);
    for (const b of [bucket(), plain, bucket({ encryption: { algorithm: "AES256" } })]) expect(fast(b)).toBe(full(b).ok);
  });
});

describe("when quantifying over security-group ingress", () => {
  const noSsh = compileCondition(NO_WORLD_SSH);

  it("passes a group whose world-open rules don't cover port 22", () => {
    const sg = securityGroup([
      ingressRule({ fromPort: 443, toPort: 443, world: true, source: "0.0.0.0/0" }),
      ingressRule({ fromPort: 22, toPort: 22, world: false }),
    ]);
    const result = noSsh(sg);
    expect(result.ok).toBe(true);
    expect(result.evidence).toEqual([{ path: "ingress", expected: expect.stringContaining("no entry"), actual: { entries: 2, matching: 0 } }]);
  });

  it("fails a group with 0-65535 open to the world, pointing at the offending entry", () => {
    const sg = securityGroup([
      ingressRule({ fromPort: 22, toPort: 22, world: false }),
      ingressRule({ fromPort: 443, toPort: 443, world: true }),
      ingressRule({ fromPort: 0, toPort: 65535, world: true, protocol: "-1" }),
    ]);
    const result = noSsh(sg);
    expect(result.ok).toBe(false);
    expect(result.evidence[0]).toMatchObject({ path: "ingress", actual: { entries: 3, matching: 1 } });
    expect(result.evidence.slice(1)).toEqual([
      { path: "ingress[2].world", expected: "not equal to true", actual: true },
      { path: "ingress[2].fromPort", expected: "greater than 22", actual: 0 },
      { path: "ingress[2].toPort", expected: "less than 22", actual: 65535 },
    ]);
  });

  it("treats a missing or null list as empty for every/none and as failing for some", () => {
    const some: Condition = { path: "ingress", some: { path: "world", op: "eq", value: false } };
    const every: Condition = { path: "ingress", every: { path: "world", op: "eq", value: false } };
    for (const subject of [{}, { ingress: null }]) {
      expect(noSsh(subject).ok).toBe(true);
      expect(compileCondition(every)(subject).ok).toBe(true);
      const result = compileCondition(some)(subject);
      expect(result.ok).toBe(false);
      expect(result.evidence[0]?.path).toBe("ingress");
    }
    expect(compileCondition(every)({}).evidence[0]?.expected).toContain("a missing list counts as empty");
  });

  it("fails any quantifier over a value that is not a list", () => {
    expect(noSsh({ ingress: "0.0.0.0/0" }).ok).toBe(false);
    expect(noSsh({ ingress: { world: true } }).evidence[0]?.expected).toMatch(/^a list with/);
  });

  it("every reports each failing entry; some reports the first match", () => {
    const sg = securityGroup([ingressRule({ protocol: "udp" }), ingressRule(), ingressRule({ protocol: "icmp" })]);
    const every = compileCondition({ path: "ingress", every: { path: "protocol", op: "eq", value: "tcp" } })(sg);
    expect(every.ok).toBe(false);
    expect(every.evidence.map((e) => e.path)).toEqual(["ingress", "ingress[0].protocol", "ingress[2].protocol"]);
    const some = compileCondition({ path: "ingress", some: { path: "protocol", op: "eq", value: "icmp" } })(sg);
    expect(some.ok).toBe(true);
    expect(some.evidence.map((e) => e.path)).toEqual(["ingress", "ingress[2].protocol"]);
  });

  it("not over some means none, and not over every means some-not", () => {
    const sg = securityGroup([ingressRule(), ingressRule({ world: true })]);
    expect(compileCondition({ not: { path: "ingress", some: { path: "world", op: "eq", value: true } } })(sg).ok).toBe(false);
    expect(compileCondition({ not: { path: "ingress", every: { path: "world", op: "eq", value: true } } })(sg).ok).toBe(true);
    expect(compileCondition({ not: NO_WORLD_SSH })(securityGroup([ingressRule({ world: true, fromPort: 22, toPort: 22 })])).ok).toBe(true);
  });

  it("addresses the entry itself with @ and nests quantifiers", () => {
    const types = compileCondition({ path: "types", every: { path: "@", op: "in", value: ["t3.micro", "t3.small"] } });
    const failing = types({ types: ["t3.micro", "m5.large"] });
    expect(failing.ok).toBe(false);
    expect(failing.evidence[1]).toEqual({ path: "types[1]", expected: 'one of ["t3.micro","t3.small"]', actual: "m5.large" });
    const nested = compileCondition({ path: "groups", every: { path: "rules", none: { path: "open", op: "eq", value: true } } });
    const result = nested({ groups: [{ rules: [{ open: false }] }, { rules: [{ open: false }, { open: true }] }] });
    expect(result.ok).toBe(false);
    expect(result.evidence.map((e) => e.path)).toContain("groups[1].rules[1].open");
  });

  it("caps per-entry evidence but counts every entry", () => {
    const sg = securityGroup(Array.from({ length: MAX_ENTRY_EVIDENCE + 5 }, () => ingressRule({ world: true, fromPort: 0, toPort: 65535 })));
    const result = noSsh(sg);
    expect(result.evidence[0]?.actual).toEqual({ entries: MAX_ENTRY_EVIDENCE + 5, matching: MAX_ENTRY_EVIDENCE + 5 });
    expect(new Set(result.evidence.slice(1).map((e) => e.path.split(".")[0])).size).toBe(MAX_ENTRY_EVIDENCE);
  });
});

describe("when a condition is malformed", () => {
  function compileError(cond: unknown): { code: string; message: string } {
    try {
      compileCondition(cond as Condition, "require");
    } catch (error) {
      if (isAgpmError(error)) return { code: error.code, message: error.message };
      throw error;
    }
    throw new Error("compiled without error");
  }

  it("refuses an invalid regular expression, naming where it is", () => {
    const error = compileError({ all: [encrypted, { path: "name", op: "matches", value: "([a-z" }] });
    expect(error.code).toBe("POLICY_INVALID");
    expect(error.message).toMatch(/^require\.all\[1\]: invalid regular expression/);
  });

  it("refuses binary operators without a value and unary ones with one", () => {
    expect(compileError({ path: "a", op: "eq" }).message).toBe("require: eq needs a value");
    expect(compileError({ path: "a", op: "exists", value: true }).message).toBe("require: exists takes no value");
  });

  it("refuses in without a list and gt without a number", () => {
    expect(compileError({ not: { path: "a", op: "in", value: "AES256" } }).message).toMatch(/^require\.not: in\/nin needs a list/);
    expect(compileError({ path: "a", op: "gt", value: true }).message).toMatch(/gt needs a number/);
  });

  it("refuses unknown shapes, empty lists and unknown operators deep in the tree", () => {
    expect(compileError({ all: [] }).message).toMatch(/^require\.all: needs a non-empty list/);
    expect(compileError({ path: "ingress", none: { any: [{ path: "x", op: "like", value: 1 }] } }).message)
      .toMatch(/^require\.none\.any\[0\]\.op: unknown operator "like"/);
    expect(compileError({ foo: 1 }).code).toBe("POLICY_INVALID");
    expect(compileError({ op: "eq", value: 1 }).message).toMatch(/needs a path/);
  });
});

describe("when a path names the entry itself", () => {
  it("the policy schema accepts @ as a whole path and nothing else like it", async () => {
    const { ConditionSchema } = await import("../../contracts/policy.js");
    expect(ConditionSchema.safeParse({ path: "types", every: { path: "@", op: "eq", value: 1 } }).success).toBe(true);
    expect(ConditionSchema.safeParse({ path: "@x", op: "exists" }).success).toBe(false);
    expect(ConditionSchema.safeParse({ path: "a.@", op: "exists" }).success).toBe(false);
  });
});
