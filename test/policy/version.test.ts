import { describe, expect, it } from "vitest";
import { isAgpmError } from "../../core/errors.js";
import { PolicySchema } from "../../contracts/policy.js";
import type { Policy } from "../../contracts/policy.js";
import { diffPolicies, nextVersion, samePolicyContent } from "../../engine/version.js";
import { NO_WORLD_SSH, rule } from "./fixtures.js";

const encrypted = rule({ id: "s3-encrypted", title: "Buckets are encrypted", require: { path: "encryption.enabled", op: "eq", value: true } });
const versioned = rule({ id: "s3-versioned", title: "Buckets are versioned", severity: "medium", require: { path: "versioning.status", op: "eq", value: "Enabled" } });
const v1: Policy = PolicySchema.parse({
  id: "s3-baseline", version: 1, title: "S3 baseline", intent: "Ensure all S3 buckets are encrypted", mode: "audit",
  scope: { regions: ["eu-west-1"] }, rules: [encrypted], status: "active",
});

describe("when making the next version", () => {
  it("keeps the id, increments the version and records the new intent", () => {
    const v2 = nextVersion(v1, { rules: [encrypted, versioned], intent: "Also require versioning" });
    expect(v2).toMatchObject({ id: "s3-baseline", version: 2, intent: "Also require versioning", title: "S3 baseline", mode: "audit" });
    expect(v2.rules.map((r) => r.id)).toEqual(["s3-encrypted", "s3-versioned"]);
    expect(nextVersion(v2, { mode: "enforce", intent: "enforce it" }).version).toBe(3);
    expect(v1.version).toBe(1);
  });

  it("refuses a version that is not a valid policy, or repeats a rule id", () => {
    const codes = [
      () => nextVersion(v1, { rules: [], intent: "drop everything" }),
      () => nextVersion(v1, { rules: [encrypted, { ...versioned, id: "s3-encrypted" }], intent: "dup" }),
      () => nextVersion(v1, { scope: { regions: ["Europe"] }, intent: "bad region" }),
    ].map((make) => {
      try { make(); return "none"; } catch (error) { return isAgpmError(error) ? error.code : "other"; }
    });
    expect(codes).toEqual(["POLICY_INVALID", "POLICY_INVALID", "POLICY_INVALID"]);
  });
});

describe("when comparing policy content", () => {
  it("ignores version, intent, title and rule order", () => {
    const a = nextVersion(v1, { rules: [encrypted, versioned], intent: "a" });
    const b = { ...a, version: 9, intent: "something else", title: "Other", rules: [versioned, encrypted] };
    expect(samePolicyContent(a, b)).toBe(true);
  });

  it("ignores the order of all/any children, membership lists and scope lists", () => {
    const r1 = rule({ id: "x", require: { all: [{ path: "a", op: "in", value: ["x", "y"] }, { path: "b", op: "truthy" }] } });
    const r2 = rule({ id: "x", require: { all: [{ path: "b", op: "truthy" }, { path: "a", op: "in", value: ["y", "x"] }] } });
    const a = { ...v1, rules: [r1], scope: { regions: ["eu-west-1", "us-east-1"] } };
    const b = { ...v1, rules: [r2], scope: { regions: ["us-east-1", "eu-west-1"], tags: {} } };
    expect(samePolicyContent(a, b)).toBe(true);
  });

  it("sees a changed rule, scope or mode", () => {
    expect(samePolicyContent(v1, { ...v1, mode: "enforce" })).toBe(false);
    expect(samePolicyContent(v1, { ...v1, scope: {} })).toBe(false);
    expect(samePolicyContent(v1, { ...v1, rules: [{ ...encrypted, severity: "critical" }] })).toBe(false);
    expect(samePolicyContent(v1, { ...v1, rules: [{ ...encrypted, require: { path: "encryption.enabled", op: "eq", value: false } }] })).toBe(false);
    expect(samePolicyContent(v1, { ...v1, rules: [{ ...encrypted, when: { path: "tags.env", op: "exists" } }] })).toBe(false);
  });
});

describe("when diffing two versions", () => {
  it("lists added, removed and changed rules, scope and mode in words", () => {
    const sg = rule({ id: "sg-ssh", title: "No SSH from the internet", kind: "aws.ec2.security-group", require: NO_WORLD_SSH });
    const v2 = nextVersion(v1, {
      intent: "enforce, cover prod only, versioning and SSH",
      mode: "enforce",
      scope: { regions: ["eu-west-1"], tags: { env: "prod" } },
      rules: [{ ...encrypted, severity: "critical" }, sg],
    });
    const changes = diffPolicies(v1, v2);
    expect(changes.map((c) => c.change).sort()).toEqual(["mode-changed", "rule-added", "rule-changed", "scope-changed"]);
    const text = changes.map((c) => c.text);
    expect(text).toContain("mode changed from audit to enforce");
    expect(text).toContain("scope changed (was: in eu-west-1; now: in eu-west-1 tagged env=prod)");
    expect(text).toContain("rule s3-encrypted: severity changed (was: high; now: critical)");
    expect(text.find((t) => t.startsWith("rule added: sg-ssh"))).toContain("no entry in ingress");

    const removed = diffPolicies(v2, nextVersion(v2, { rules: [sg], intent: "drop encryption" }));
    expect(removed).toEqual([{ change: "rule-removed", ruleId: "s3-encrypted", text: "rule removed: s3-encrypted (Buckets are encrypted)" }]);
  });

  it("explains a changed requirement in words", () => {
    const v2 = nextVersion(v1, { intent: "kms", rules: [{ ...encrypted, require: { path: "encryption.algorithm", op: "eq", value: "aws:kms" } }] });
    expect(diffPolicies(v1, v2)).toEqual([{
      change: "rule-changed", ruleId: "s3-encrypted", field: "require",
      text: 'rule s3-encrypted: require changed (was: have encryption.enabled equal to true; now: have encryption.algorithm equal to "aws:kms")',
    }]);
  });

  it("finds nothing between versions with the same content", () => {
    expect(diffPolicies(v1, nextVersion(v1, { intent: "no-op" }))).toEqual([]);
  });
});
