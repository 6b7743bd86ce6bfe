import { describe, expect, it } from "vitest";
import { explainCondition, explainPolicy, explainRule, explainScope } from "../../engine/explain.js";
import { findKind } from "../../engine/registry.js";
import { PolicySchema } from "../../contracts/policy.js";
import { NO_WORLD_SSH, rule } from "./fixtures.js";

const noun = (kind: string): string => findKind(kind)?.noun ?? kind;

describe("when explaining a condition", () => {
  it("reads a leaf as a requirement", () => {
    expect(explainCondition({ path: "encryption.enabled", op: "eq", value: true })).toBe("have encryption.enabled equal to true");
    expect(explainCondition({ path: "publicAccessBlock", op: "exists" })).toBe("have publicAccessBlock present");
  });

  it("joins conjunctions and disjunctions in prose", () => {
    expect(explainCondition({
      all: [
        { path: "encryption.enabled", op: "eq", value: true },
        { path: "encryption.algorithm", op: "in", value: ["AES256", "aws:kms"] },
        { path: "versioning.status", op: "eq", value: "Enabled" },
      ],
    })).toBe('have encryption.enabled equal to true, encryption.algorithm one of ["AES256","aws:kms"] and versioning.status equal to "Enabled"');
    expect(explainCondition({ any: [{ path: "a", op: "truthy" }, { path: "b", op: "gte", value: 3 }] }))
      .toBe("have either a set (not false, zero, empty or missing) or b at least 3");
  });

  it("pushes negation down to the leaves so it reads positively", () => {
    expect(explainCondition({ not: { path: "isPublic", op: "eq", value: true } })).toBe("have isPublic not equal to true");
    expect(explainCondition({ not: { any: [{ path: "a", op: "gt", value: 1 }, { path: "b", op: "exists" }] } }))
      .toBe("have a at most 1 and b absent");
    expect(explainCondition({ not: { path: "name", op: "matches", value: "^tmp-" } })).toBe("have name not matching /^tmp-/");
  });

  it("explains quantifiers over lists of entries", () => {
    expect(explainCondition(NO_WORLD_SSH))
      .toBe("have no entry in ingress that has world equal to true, fromPort at most 22 and toPort at least 22");
    expect(explainCondition({ not: NO_WORLD_SSH }))
      .toBe("have at least one entry in ingress that has world equal to true, fromPort at most 22 and toPort at least 22");
    expect(explainCondition({ path: "instanceTypes", every: { path: "@", op: "in", value: ["t3.micro"] } }))
      .toBe('have only entries in instanceTypes that are one of ["t3.micro"]');
  });

  it("brackets nested groups so the grouping is unambiguous", () => {
    const text = explainCondition({ any: [{ all: [{ path: "a", op: "truthy" }, { path: "b", op: "truthy" }] }, { path: "ingress", some: { path: "c", op: "falsy" } }] });
    expect(text).toMatch(/^either \(have a .* and b .*\) or have at least one entry in ingress that has c/);
  });
});

describe("when explaining a scope", () => {
  it("says nothing for a scope that selects everything", () => {
    expect(explainScope({})).toBe("");
  });

  it("names regions, tags, names and exceptions", () => {
    expect(explainScope({ regions: ["eu-west-1", "eu-central-1"], tags: { env: "prod", owner: null }, names: ["app-*"], exclude: { names: ["*-tmp"] } }))
      .toBe("in eu-west-1 or eu-central-1 tagged env=prod and owner (any value) named app-*, except those named *-tmp");
  });
});

describe("when explaining a compound policy", () => {
  const policy = PolicySchema.parse({
    id: "prod-baseline", version: 4, title: "Production baseline", intent: "secure prod", mode: "enforce",
    scope: { regions: ["eu-west-1"], tags: { env: "prod" } },
    rules: [
      rule({ id: "s3-encrypted", title: "Buckets are encrypted", require: { path: "encryption.enabled", op: "eq", value: true },
        remediation: { action: "s3.enable-default-encryption", params: {} }, controls: ["FSBP-S3.4"] }),
      rule({ id: "s3-private", title: "Buckets are private", severity: "critical", require: { not: { path: "isPublic", op: "truthy" } } }),
      rule({ id: "sg-ssh", title: "No SSH from the internet", kind: "aws.ec2.security-group", require: NO_WORLD_SSH }),
      rule({ id: "imdsv2", title: "IMDSv2 only", severity: "medium", kind: "aws.ec2.instance",
        when: { path: "state", op: "eq", value: "running" }, require: { path: "metadataOptions.httpTokens", op: "eq", value: "required" } }),
    ],
  });
  const text = explainPolicy(policy, noun);
  const lines = text.split("\n");

  it("opens with the title, version and what the mode means", () => {
    expect(lines[0]).toBe("Production baseline (policy prod-baseline v4, enforce: fix what fails)");
  });

  it("groups rules under each kind with the scope in words", () => {
    expect(lines).toContain("Every S3 bucket in eu-west-1 tagged env=prod must:");
    expect(lines).toContain("Every security group in eu-west-1 tagged env=prod must:");
    expect(lines.indexOf("Every EC2 instance in eu-west-1 tagged env=prod must:")).toBeGreaterThan(lines.indexOf("Every security group in eu-west-1 tagged env=prod must:"));
  });

  it("uses each rule's title as its headline and the condition as the detail", () => {
    expect(lines).toContain("  - Buckets are encrypted (high): have encryption.enabled equal to true. [fix: s3.enable-default-encryption; controls: FSBP-S3.4]");
    expect(lines).toContain("  - Buckets are private (critical): have isPublic unset (false, zero, empty or missing).");
    expect(explainRule(policy.rules[3]!)).toBe('IMDSv2 only (medium): have metadataOptions.httpTokens equal to "required" (only when it has state equal to "running").');
  });

  it("contains no JSON structure", () => {
    expect(text).not.toMatch(/[{}]|"op"|"path"/);
  });
});

describe("when a negated group sits inside another group", () => {
  it("still brackets it", () => {
    const text = explainCondition({ any: [{ not: { all: [{ path: "a", op: "truthy" }, { path: "b", op: "truthy" }] } }, { path: "c", op: "exists" }] });
    expect(text).toBe("either (have either a unset (false, zero, empty or missing) or b unset (false, zero, empty or missing)) or have c present");
  });
});
