import { describe, expect, it } from "vitest";
import { findKind, modelSchema } from "../../policy/kinds/index.js";
import type { Resource } from "../../policy/resource.js";
import { NO_BLOCK } from "../../tools/aws/collectors/s3-public.js";
import { findAction } from "../../tools/aws/registry.js";
import type { AutomaticAction } from "../../tools/aws/kind-tools.js";

/** A valid resource of `kind` (checked against the kind's schema) with `model` fields. */
function resource(kind: string, id: string, model: Record<string, unknown>): Resource {
  const envelope = { kind, id, region: "eu-west-1", account: "123456789012", name: null, tags: {} };
  const def = findKind(kind);
  if (!def) throw new Error(kind);
  modelSchema(def).parse({ ...envelope, ...model });
  return { ...envelope, ...model };
}

const bucketModel = {
  creationDate: null, publicAccessBlock: null, accountPublicAccessBlock: null, effectivePublicAccessBlock: NO_BLOCK,
  acl: { publicPermissions: [], grants: 1 }, policy: { present: false, allowsPublic: false, deniesInsecureTransport: false },
  public: { viaAcl: false, viaPolicy: false }, isPublic: false,
  encryption: { enabled: false, algorithm: null, kmsKeyId: null, bucketKeyEnabled: false },
  versioning: { status: "Disabled", mfaDelete: false }, objectOwnership: null,
  logging: { enabled: false, targetBucket: null }, lifecycle: { rules: 0 }, objectLock: { enabled: false },
};
const bucket = (over: Record<string, unknown> = {}) => resource("aws.s3.bucket", "b1", { ...bucketModel, ...over });

function automatic(name: string): AutomaticAction {
  const action = findAction(name);
  if (!action || action.manual) throw new Error(`${name} is not automatic`);
  return action;
}
const plan = (name: string, r: Resource, params: unknown = {}) => {
  const action = automatic(name);
  return action.plan(r, action.params.parse(params));
};

describe("when Block Public Access is planned", () => {
  it("shows only the flags that turn on", () => {
    const r = bucket({ publicAccessBlock: { ...NO_BLOCK, blockPublicAcls: true, ignorePublicAcls: true } });
    expect(plan("s3.block-public-access", r)).toMatchObject({
      before: { publicAccessBlock: { blockPublicPolicy: false, restrictPublicBuckets: false } },
      after: { publicAccessBlock: { blockPublicPolicy: true, restrictPublicBuckets: true } },
    });
  });

  it("never turns a flag off when the policy asks for it to be left alone", () => {
    const r = bucket({ publicAccessBlock: { ...NO_BLOCK, blockPublicAcls: true } });
    expect(plan("s3.block-public-access", r, { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false })).toBeNull();
  });

  it("refuses unknown parameters", () => {
    expect(automatic("s3.block-public-access").params.safeParse({ blockEverything: true }).success).toBe(false);
  });
});

describe("when default encryption is planned", () => {
  it("is satisfied by any encryption when SSE-S3 is asked for", () => {
    const kms = bucket({ encryption: { enabled: true, algorithm: "aws:kms", kmsKeyId: "k1", bucketKeyEnabled: true } });
    expect(plan("s3.enable-default-encryption", kms)).toBeNull();
  });

  it("moves SSE-S3 to SSE-KMS with the requested key", () => {
    const sse = bucket({ encryption: { enabled: true, algorithm: "AES256", kmsKeyId: null, bucketKeyEnabled: false } });
    expect(plan("s3.enable-default-encryption", sse, { algorithm: "aws:kms", kmsKeyId: "alias/data", bucketKeyEnabled: true })).toMatchObject({
      before: { encryption: { algorithm: "AES256", kmsKeyId: null, bucketKeyEnabled: false } },
      after: { encryption: { algorithm: "aws:kms", kmsKeyId: "alias/data", bucketKeyEnabled: true } },
    });
  });

  it("refuses a KMS key without the KMS algorithm", () => {
    expect(automatic("s3.enable-default-encryption").params.safeParse({ kmsKeyId: "alias/data" }).success).toBe(false);
  });
});

describe("when public ingress revocation is planned", () => {
  const rule = (protocol: string, fromPort: number, toPort: number, source: string) =>
    ({ protocol, fromPort, toPort, source, sourceType: "cidr", world: source === "0.0.0.0/0" || source === "::/0" });
  const group = resource("aws.ec2.security-group", "sg-1", {
    groupName: "web", description: null, vpcId: null, isDefault: false, egress: [],
    ingress: [rule("tcp", 22, 22, "0.0.0.0/0"), rule("tcp", 22, 22, "10.0.0.0/8"), rule("tcp", 443, 443, "::/0"), rule("tcp", 0, 1024, "::/0")],
  });

  it("picks exactly the world-open rules reaching the ports", () => {
    const p = plan("ec2.revoke-public-ingress", group, { ports: [22] });
    expect(p?.before).toEqual({ worldOpenIngress: [rule("tcp", 22, 22, "0.0.0.0/0"), rule("tcp", 0, 1024, "::/0")] });
    expect(p?.after).toEqual({ worldOpenIngress: [] });
  });

  it("has nothing to do for ports no world rule reaches", () => {
    expect(plan("ec2.revoke-public-ingress", group, { ports: [3389] })).toBeNull();
  });
});
