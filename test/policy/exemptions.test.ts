// Exemptions turn a verdict into skip (never pass) while in force, and stop at expiry.
import { describe, expect, it } from "vitest";
import { evaluatePolicy } from "../../engine/evaluate.js";
import { PolicySchema, type Policy } from "../../contracts/policy.js";
import type { Resource } from "../../contracts/resource.js";

const bucket = (id: string, encrypted: boolean, tags: Record<string, string> = {}): Resource =>
  ({ kind: "aws.s3.bucket", id, region: "us-east-1", account: "123456789012", name: id, tags, encryption: { enabled: encrypted } }) as Resource;

const policy = (exemptions: unknown[]): Policy =>
  PolicySchema.parse({
    id: "s3-enc", version: 2, title: "encrypted", intent: "encrypt buckets", mode: "enforce",
    rules: [{ id: "s3.bucket-encrypted", title: "encrypted", severity: "high", kind: "aws.s3.bucket", require: { path: "encryption.enabled", op: "eq", value: true } }],
    exemptions,
  });

const exemption = { id: "ex-1", rules: ["s3.bucket-encrypted"], names: ["web-*"], reason: "static site", owner: "alice", expires: "2027-03-31" };

describe("when a resource is exempt", () => {
  it("reports it as skip with the reason, never pass", () => {
    const result = evaluatePolicy(policy([exemption]), [bucket("web-assets", false), bucket("web-ok", true), bucket("data", false)], new Date("2027-03-31T23:00:00Z"));
    const byId = Object.fromEntries(result.findings.map((f) => [f.resourceId, f]));
    expect(byId["web-assets"]?.status).toBe("skip");
    expect(byId["web-assets"]?.reason).toBe("exempt: static site (until 2027-03-31, owner alice)");
    expect(byId["web-ok"]?.status).toBe("skip");
    expect(byId.data?.status).toBe("fail");
    expect(result.summary).toMatchObject({ resources: 3, failed: 1, skipped: 2, passed: 0 });
  });

  it("stops applying the day after it expires", () => {
    const result = evaluatePolicy(policy([exemption]), [bucket("web-assets", false)], new Date("2027-04-01T00:00:01Z"));
    expect(result.findings[0]?.status).toBe("fail");
  });

  it("matches by tag, and only the rules it names", () => {
    const byTag = { ...exemption, names: [], tags: { "public-website": "true" }, rules: ["another-rule"] };
    const result = evaluatePolicy(policy([byTag]), [bucket("site", false, { "public-website": "true" })], new Date("2026-12-01"));
    expect(result.findings[0]?.status).toBe("fail");
    const allRules = evaluatePolicy(policy([{ ...byTag, rules: [] }]), [bucket("site", false, { "public-website": "true" })], new Date("2026-12-01"));
    expect(allRules.findings[0]?.status).toBe("skip");
  });

  it("refuses an exemption that names nothing", () => {
    expect(() => policy([{ ...exemption, names: [] }])).toThrow(/names resources or tags/);
  });
});
