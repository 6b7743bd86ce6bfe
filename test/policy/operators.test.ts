import { describe, expect, it } from "vitest";
import { compileCondition } from "../../engine/compile.js";
import type { JsonValue, Operator } from "../../contracts/policy.js";
import { bucket, fileSystem, instance } from "./fixtures.js";

function check(subject: unknown, path: string, op: Operator, value?: JsonValue) {
  return compileCondition(value === undefined ? { path, op } : { path, op, value })(subject);
}
const ok = (subject: unknown, path: string, op: Operator, value?: JsonValue): boolean => check(subject, path, op, value).ok;

describe("when comparing for equality (eq, neq)", () => {
  it("compares scalars strictly, without type coercion", () => {
    expect(ok(bucket(), "encryption.enabled", "eq", true)).toBe(true);
    expect(ok(bucket({ encryption: { enabled: false } }), "encryption.enabled", "eq", true)).toBe(false);
    expect(ok({ port: "22" }, "port", "eq", 22)).toBe(false);
    expect(ok({ port: 22 }, "port", "neq", "22")).toBe(true);
  });

  it("compares lists and objects by content", () => {
    expect(ok(instance(), "securityGroupIds", "eq", ["sg-0123456789abcdef0"])).toBe(true);
    expect(ok(bucket(), "versioning", "eq", { mfaDelete: false, status: "Enabled" })).toBe(true);
    expect(ok(bucket(), "versioning", "eq", { status: "Enabled" })).toBe(false);
  });

  it("distinguishes null from missing", () => {
    expect(ok(bucket(), "logging.targetBucket", "eq", null)).toBe(true);
    expect(ok(bucket(), "logging.nothing", "eq", null)).toBe(false);
    expect(ok(bucket(), "logging.nothing", "neq", "x")).toBe(true);
  });
});

describe("when checking membership (in, nin)", () => {
  it("accepts a value in the list and rejects one outside it", () => {
    const algos = ["AES256", "aws:kms"];
    expect(ok(bucket(), "encryption.algorithm", "in", algos)).toBe(true);
    expect(ok(bucket({ encryption: { algorithm: "aws:kms:dsse" } }), "encryption.algorithm", "in", algos)).toBe(false);
    expect(ok(bucket({ encryption: { algorithm: null } }), "encryption.algorithm", "in", algos)).toBe(false);
    expect(ok(bucket({ encryption: { algorithm: null } }), "encryption.algorithm", "in", [...algos, null])).toBe(true);
    expect(ok(bucket(), "encryption.algorithm", "nin", algos)).toBe(false);
    expect(ok({}, "missing", "nin", algos)).toBe(true);
  });

  it("matches structured members by content", () => {
    expect(ok({ a: [1, 2] }, "a", "in", [[2, 1], [1, 2]])).toBe(true);
    expect(ok({ a: { x: 1 } }, "a", "in", [{ x: 2 }])).toBe(false);
  });

  it("reports the list it expected", () => {
    const result = check(bucket({ encryption: { algorithm: "aws:kms:dsse" } }), "encryption.algorithm", "in", ["AES256", "aws:kms"]);
    expect(result.evidence).toEqual([{ path: "encryption.algorithm", expected: 'one of ["AES256","aws:kms"]', actual: "aws:kms:dsse" }]);
  });
});

describe("when ordering numbers or dates (gt, gte, lt, lte)", () => {
  it("compares numbers at and around the boundary", () => {
    const fs = fileSystem({ mountTargets: 2 });
    expect([ok(fs, "mountTargets", "gt", 2), ok(fs, "mountTargets", "gte", 2), ok(fs, "mountTargets", "lt", 2), ok(fs, "mountTargets", "lte", 2)])
      .toEqual([false, true, false, true]);
    expect(ok(fs, "mountTargets", "gt", 1)).toBe(true);
    expect(ok(fs, "mountTargets", "lt", 3)).toBe(true);
  });

  it("compares ISO dates as text", () => {
    expect(ok(bucket(), "creationDate", "lt", "2025-01-01")).toBe(true);
    expect(ok(bucket(), "creationDate", "gte", "2024-06-01")).toBe(false);
  });

  it("fails on a value of the wrong type, with evidence saying what type was needed", () => {
    const result = check({ port: "22" }, "port", "gt", 10);
    expect(result.ok).toBe(false);
    expect(result.evidence[0]).toEqual({ path: "port", expected: "greater than 10 (a number)", actual: "22" });
    expect(ok({}, "port", "lte", 10)).toBe(false);
    expect(ok({ port: null }, "port", "gte", 0)).toBe(false);
  });

  it("keeps failing on a type mismatch even when negated", () => {
    expect(compileCondition({ not: { path: "port", op: "gt", value: 10 } })({ port: "22" }).ok).toBe(false);
    expect(compileCondition({ not: { path: "port", op: "gt", value: 10 } })({ port: 5 }).ok).toBe(true);
  });
});

describe("when testing presence (exists, absent)", () => {
  it("counts null as absent, like a setting that is not configured", () => {
    expect(ok(bucket(), "publicAccessBlock", "exists")).toBe(true);
    expect(ok(bucket({ publicAccessBlock: null }), "publicAccessBlock", "exists")).toBe(false);
    expect(ok(bucket({ publicAccessBlock: null }), "publicAccessBlock", "absent")).toBe(true);
    expect(ok(bucket(), "nothing.here", "absent")).toBe(true);
    expect(ok(bucket(), "versioning.mfaDelete", "exists")).toBe(true);
  });

  it("says what it expected", () => {
    expect(check(bucket({ publicAccessBlock: null }), "publicAccessBlock", "exists").evidence[0])
      .toEqual({ path: "publicAccessBlock", expected: "present", actual: null });
  });
});

describe("when testing truthiness (truthy, falsy)", () => {
  it.each([
    [true, true], [false, false], [1, true], [0, false], ["x", true], ["", false],
    [null, false], [undefined, false], [["a"], true], [[], false], [{ a: 1 }, true], [{}, false],
  ])("treats %j as truthy=%s", (value, expected) => {
    expect(ok({ v: value }, "v", "truthy")).toBe(expected);
    expect(ok({ v: value }, "v", "falsy")).toBe(!expected);
  });
});

describe("when looking inside (contains)", () => {
  it("finds a member of a list", () => {
    expect(ok(fileSystem(), "lifecyclePolicies", "contains", "AFTER_30_DAYS")).toBe(true);
    expect(ok(fileSystem(), "lifecyclePolicies", "contains", "AFTER_7_DAYS")).toBe(false);
    expect(ok({ a: [{ k: 1 }] }, "a", "contains", { k: 1 })).toBe(true);
  });

  it("finds a substring of text", () => {
    expect(ok(bucket(), "encryption.kmsKeyId", "contains", ":key/")).toBe(true);
    expect(ok(bucket(), "encryption.kmsKeyId", "contains", "alias/")).toBe(false);
  });

  it("fails with evidence on anything else", () => {
    expect(ok(bucket(), "encryption.enabled", "contains", "t")).toBe(false);
    expect(ok({ s: "abc1" }, "s", "contains", 1)).toBe(false);
    const missing = check({}, "list", "contains", "x");
    expect(missing.evidence[0]).toEqual({ path: "list", expected: 'containing "x" (a list or text)', actual: undefined });
  });
});

describe("when matching a pattern (matches)", () => {
  it("tests text against the regular expression", () => {
    expect(ok(bucket(), "name", "matches", "^app-")).toBe(true);
    expect(ok(bucket(), "name", "matches", "^APP-")).toBe(false);
    expect(ok(bucket(), "name", "matches", "(?i)^APP-")).toBe(true);
    expect(ok(bucket({ name: null }), "name", "matches", ".*")).toBe(false);
    expect(ok({ n: 5 }, "n", "matches", "5")).toBe(false);
  });

  it("gives the same answer on every call (no regex state between calls)", () => {
    const test = compileCondition({ path: "name", op: "matches", value: "logs" });
    const results = Array.from({ length: 4 }, () => test(bucket()).ok);
    expect(results).toEqual([true, true, true, true]);
  });
});

describe("when testing emptiness (empty, not-empty)", () => {
  it.each([
    [[], true], [["READ"], false], ["", true], ["x", false], [{}, true], [{ a: 1 }, false], [null, true], [undefined, true],
  ])("treats %j as empty=%s", (value, expected) => {
    expect(ok({ v: value }, "v", "empty")).toBe(expected);
    expect(ok({ v: value }, "v", "not-empty")).toBe(!expected);
  });

  it("fails both ways on numbers and booleans", () => {
    expect(ok({ v: 0 }, "v", "empty")).toBe(false);
    expect(ok({ v: true }, "v", "not-empty")).toBe(false);
  });

  it("checks a real ACL's public permissions", () => {
    expect(ok(bucket(), "acl.publicPermissions", "empty")).toBe(true);
    expect(ok(bucket({ acl: { publicPermissions: ["READ"] } }), "acl.publicPermissions", "empty")).toBe(false);
  });
});
