import { describe, expect, it } from "vitest";
import { KINDS, findKind, modelSchema } from "../../engine/registry.js";
import { compileGetter, describeModelPath, getPath, splitPath } from "../../engine/paths.js";
import { bucket, ingressRule, securityGroup } from "./fixtures.js";

function schemaOf(kind: string) {
  const definition = findKind(kind);
  if (!definition) throw new Error(kind);
  return modelSchema(definition);
}

describe("getPath", () => {
  it("reads nested fields of a resource", () => {
    expect(getPath(bucket(), "encryption.enabled")).toEqual({ found: true, value: true });
    expect(getPath(bucket(), "versioning.status")).toEqual({ found: true, value: "Enabled" });
  });

  it("finds null values but reports missing ones as not found", () => {
    expect(getPath(bucket(), "logging.targetBucket")).toEqual({ found: true, value: null });
    expect(getPath(bucket(), "encryption.nope")).toEqual({ found: false, value: undefined });
    expect(getPath(bucket(), "logging.targetBucket.deeper")).toEqual({ found: false, value: undefined });
  });

  it("reads tag values, taking everything after tags. as the key", () => {
    const b = bucket({ tags: { env: "prod", "aws:cloudformation:stack-name": "core", "team.name": "sec" } });
    expect(getPath(b, "tags.env").value).toBe("prod");
    expect(getPath(b, "tags.team.name").value).toBe("sec");
    expect(getPath(b, "tags.aws:cloudformation:stack-name").value).toBe("core");
    expect(getPath(b, "tags.missing").found).toBe(false);
    expect(splitPath("tags.a.b.c")).toEqual(["tags", "a.b.c"]);
  });

  it("does not see inherited properties of plain objects", () => {
    expect(getPath(bucket(), "constructor").found).toBe(false);
    expect(getPath(bucket(), "encryption.toString").found).toBe(false);
    expect(getPath({ constructor: "own" }, "constructor").value).toBe("own");
  });

  it("indexes arrays with numeric keys and returns the subject for @", () => {
    const sg = securityGroup([ingressRule(), ingressRule({ fromPort: 22, toPort: 22 })]);
    expect(getPath(sg, "ingress.1.fromPort").value).toBe(22);
    expect(getPath(sg, "ingress.5.fromPort").found).toBe(false);
    expect(getPath(sg, "ingress.length").found).toBe(false);
    expect(getPath("x", "@").value).toBe("x");
  });

  it("treats primitives and null along the way as missing", () => {
    expect(compileGetter("a.b.c.d")({ a: { b: 3 } })).toBeUndefined();
    expect(compileGetter("a.b")(null)).toBeUndefined();
    expect(compileGetter("a.b.c.d")({ a: { b: { c: { d: 0 } } } })).toBe(0);
  });
});

describe("describeModelPath", () => {
  const s3 = schemaOf("aws.s3.bucket");
  const sg = schemaOf("aws.ec2.security-group");

  it("knows encryption.enabled is a boolean on S3 buckets", () => {
    expect(describeModelPath(s3, "encryption.enabled")).toMatchObject({ exists: true, type: "boolean", throughArray: false });
  });

  it("refuses a field the model lacks and lists the ones it has", () => {
    const info = describeModelPath(s3, "encryption.nope");
    expect(info.exists).toBe(false);
    expect(info.missing?.at).toBe("encryption");
    expect(info.missing?.key).toBe("nope");
    expect(info.missing?.available).toContain("algorithm");
    expect(describeModelPath(s3, "encryption.enabled.more").exists).toBe(false);
  });

  it("walks through arrays to their elements, and says so", () => {
    expect(describeModelPath(sg, "ingress")).toMatchObject({ exists: true, type: "array", element: "object" });
    expect(describeModelPath(sg, "ingress.fromPort")).toMatchObject({ exists: true, type: "number", throughArray: true });
    expect(describeModelPath(sg, "ingress.@.fromPort")).toMatchObject({ exists: true, type: "number", throughArray: false });
    expect(describeModelPath(sg, "ingress.0.world")).toMatchObject({ exists: true, type: "boolean", throughArray: false });
    expect(describeModelPath(sg, "ingress.port").exists).toBe(false);
  });

  it("unwraps nullable fields and reports enum values", () => {
    expect(describeModelPath(s3, "encryption.algorithm")).toMatchObject({ type: "string", nullable: true });
    expect(describeModelPath(s3, "publicAccessBlock.blockPublicAcls")).toMatchObject({ exists: true, type: "boolean" });
    expect(describeModelPath(s3, "publicAccessBlock")).toMatchObject({ type: "object", nullable: true });
    expect(describeModelPath(s3, "versioning.status").values).toEqual(["Enabled", "Suspended", "Disabled"]);
    expect(describeModelPath(sg, "ingress.@.sourceType").values).toContain("prefix-list");
  });

  it("describes arrays of strings and their elements", () => {
    const asg = schemaOf("aws.autoscaling.group");
    expect(describeModelPath(asg, "instanceTypes")).toMatchObject({ type: "array", element: "string" });
    expect(describeModelPath(asg, "instanceTypes.@")).toMatchObject({ type: "string", throughArray: false });
  });

  it("accepts tags and any tag key on every kind, even on a bare model", () => {
    for (const kind of KINDS) {
      expect(describeModelPath(modelSchema(kind), "tags")).toMatchObject({ exists: true, type: "record" });
      expect(describeModelPath(kind.model, "tags.cost-centre")).toMatchObject({ exists: true, type: "string" });
      expect(describeModelPath(kind.model, "tags.a.b")).toMatchObject({ exists: true, type: "string" });
      expect(describeModelPath(kind.model, "region")).toMatchObject({ exists: true, type: "string" });
    }
  });

  it("handles optional, default and union schemas", async () => {
    const { z } = await import("zod");
    const schema = z.object({
      a: z.number().optional(),
      b: z.boolean().default(false),
      c: z.union([z.literal("x"), z.literal("y"), z.null()]),
      d: z.record(z.string(), z.object({ e: z.string() })),
      f: z.unknown(),
    });
    expect(describeModelPath(schema, "a")).toMatchObject({ type: "number", nullable: true });
    expect(describeModelPath(schema, "b")).toMatchObject({ type: "boolean", nullable: false });
    expect(describeModelPath(schema, "c")).toMatchObject({ type: "string", nullable: true, values: ["x", "y"] });
    expect(describeModelPath(schema, "d")).toMatchObject({ type: "record", element: "object" });
    expect(describeModelPath(schema, "d.anykey.e")).toMatchObject({ exists: true, type: "string" });
    expect(describeModelPath(schema, "f.whatever")).toMatchObject({ exists: true, type: "unknown" });
  });
});
