import { describe, expect, it } from "vitest";
import { findPathProblems } from "../../engine/check-paths.js";
import { findKind, modelSchema } from "../../engine/registry.js";
import { NO_WORLD_SSH } from "./fixtures.js";

function schemaOf(kind: string) {
  const definition = findKind(kind);
  if (!definition) throw new Error(kind);
  return modelSchema(definition);
}
const s3 = schemaOf("aws.s3.bucket");
const sg = schemaOf("aws.ec2.security-group");

describe("when checking a condition against a kind's model", () => {
  it("accepts conditions on real fields, tags and quantified entries", () => {
    expect(findPathProblems({ all: [{ path: "encryption.enabled", op: "eq", value: true }, { path: "tags.env", op: "eq", value: "prod" }] }, s3)).toEqual([]);
    expect(findPathProblems(NO_WORLD_SSH, sg)).toEqual([]);
    expect(findPathProblems({ path: "instanceTypes", every: { path: "@", op: "matches", value: "^t3\\." } }, schemaOf("aws.autoscaling.group"))).toEqual([]);
  });

  it("names an unknown field, where it is in the tree, and the fields that exist", () => {
    const [problem, ...rest] = findPathProblems({ not: { path: "encryption.nope", op: "truthy" } }, s3, "require");
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ conditionPath: "require.not", path: "encryption.nope" });
    expect(problem?.message).toMatch(/^nope is not a field of encryption \(known: .*algorithm/);
  });

  it("checks the inner paths of a quantifier against the list's entries", () => {
    const problems = findPathProblems({ path: "ingress", none: { path: "port", op: "eq", value: 22 } }, sg);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.conditionPath).toBe("condition.none");
  });

  it("refuses a leaf that reaches into a list without a quantifier", () => {
    expect(findPathProblems({ path: "ingress.fromPort", op: "eq", value: 22 }, sg)[0]?.message).toMatch(/every, some or none/);
  });

  it("refuses a quantifier over something that is not a list", () => {
    expect(findPathProblems({ path: "encryption", every: { path: "enabled", op: "eq", value: true } }, s3)[0]?.message)
      .toBe("every needs a list, but encryption is object");
  });

  it("refuses values of the wrong type and values outside an enum", () => {
    expect(findPathProblems({ path: "encryption.enabled", op: "eq", value: "true" }, s3)[0]?.message).toMatch(/not a boolean/);
    expect(findPathProblems({ path: "versioning.status", op: "in", value: ["Enabled", "enabled"] }, s3)[0]?.message)
      .toMatch(/"enabled" is not one of the field's values/);
    expect(findPathProblems({ path: "isPublic", op: "gt", value: 1 }, s3)[0]?.message).toMatch(/gt needs a number/);
    expect(findPathProblems({ path: "encryption.algorithm", op: "eq", value: null }, s3)).toEqual([]);
  });
});
