import { describe, expect, it } from "vitest";
import { findKind, modelSchema, findAction } from "../../engine/registry.js";
import type { Resource } from "../../contracts/resource.js";
import { NO_BLOCK } from "../../tools/aws/collectors/s3-public.js";
import type { AutomaticAction } from "../../engine/domain.js";
import { partitionOf, withSecureTransport } from "../../tools/aws/kinds/s3-bucket/s3-deny-insecure-transport.js";

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
  acl: { publicPermissions: [], grants: 1 }, policy: { present: false, allowsPublic: false, deniesInsecureTransport: false, crossAccount: false },
  public: { viaAcl: false, viaPolicy: false }, isPublic: false,
  encryption: { enabled: false, algorithm: null, kmsKeyId: null, bucketKeyEnabled: false },
  versioning: { status: "Disabled", mfaDelete: false }, objectOwnership: null,
  logging: { enabled: false, targetBucket: null }, lifecycle: { rules: 0 }, objectLock: { enabled: false },
};
const bucket = (over: Record<string, unknown> = {}) => resource("aws.s3.bucket", "b1", { ...bucketModel, ...over });

/** A flattened CIDR rule of group sg-1. */
const rule = (protocol: string, fromPort: number, toPort: number, source: string) => {
  const world = source === "0.0.0.0/0" || source === "::/0";
  return { protocol, fromPort, toPort, source, sourceType: "cidr", world, prefixLength: Number(source.split("/")[1]), publicCidr: world, groupId: "sg-1" };
};

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
  const group = resource("aws.ec2.security-group", "sg-1", {
    groupName: "web", description: null, vpcId: null, isDefault: false, egress: [], ruleCount: 4, launchWizard: false,
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

describe("when ACLs are disabled", () => {
  it("resets the ACL only when it grants someone besides the owner", () => {
    expect(plan("s3.disable-acls", bucket({ objectOwnership: "ObjectWriter" }))).toMatchObject({
      before: { objectOwnership: "ObjectWriter" }, after: { objectOwnership: "BucketOwnerEnforced" },
    });
    expect(plan("s3.disable-acls", bucket({ objectOwnership: null }))?.after).not.toHaveProperty("acl");
    expect(plan("s3.disable-acls", bucket({ acl: { publicPermissions: ["READ"], grants: 2 } }))).toMatchObject({
      before: { acl: { publicPermissions: ["READ"], grants: 2 } }, after: { acl: { publicPermissions: [], grants: 1 } },
    });
    expect(plan("s3.disable-acls", bucket({ objectOwnership: "BucketOwnerEnforced" }))).toBeNull();
  });
});

describe("when a bucket policy gains a TLS-only statement", () => {
  const existing = { Id: "keep-me", Statement: [{ Sid: "DenyInsecureTransport", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "s3:GetObject" }] };

  it("keeps every statement and the document's own fields, under a Sid not yet used", () => {
    const out = withSecureTransport(existing, "logs", "eu-west-1") as { Id: string; Version: string; Statement: Array<Record<string, unknown>> };
    expect(out.Id).toBe("keep-me");
    expect(out.Version).toBe("2012-10-17");
    expect(out.Statement[0]).toEqual(existing.Statement[0]);
    expect(out.Statement[1]).toEqual({
      Sid: "DenyInsecureTransport2", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: ["arn:aws:s3:::logs", "arn:aws:s3:::logs/*"],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
  });

  it("names the bucket in the region's partition", () => {
    expect([partitionOf("us-east-1"), partitionOf("cn-north-1"), partitionOf("us-gov-west-1")]).toEqual(["aws", "aws-cn", "aws-us-gov"]);
    expect(JSON.stringify(withSecureTransport({}, "b", "cn-north-1"))).toContain("arn:aws-cn:s3:::b/*");
  });

  it("has nothing to do when the policy already denies insecure transport", () => {
    expect(plan("s3.deny-insecure-transport", bucket({ policy: { present: true, allowsPublic: false, deniesInsecureTransport: true, crossAccount: false } }))).toBeNull();
  });
});

describe("when the bucket key is turned on", () => {
  it("keeps the KMS algorithm and key and changes only the bucket key", () => {
    const kms = bucket({ encryption: { enabled: true, algorithm: "aws:kms", kmsKeyId: "alias/data", bucketKeyEnabled: false } });
    const p = plan("s3.enable-bucket-key", kms);
    expect(p).toMatchObject({ before: { encryption: { bucketKeyEnabled: false } }, after: { encryption: { bucketKeyEnabled: true } } });
    expect(p?.summary).toContain("alias/data");
    expect(plan("s3.enable-bucket-key", bucket({ encryption: { enabled: true, algorithm: "aws:kms", kmsKeyId: "k", bucketKeyEnabled: true } }))).toBeNull();
  });
});

describe("when access logging is turned on", () => {
  it("needs a target bucket and refuses unknown parameters", () => {
    const params = automatic("s3.enable-access-logging").params;
    expect(params.safeParse({}).success).toBe(false);
    expect(params.safeParse({ targetBucket: "logs", retentionDays: 3 }).success).toBe(false);
    expect(params.safeParse({ targetBucket: "logs", targetPrefix: "s3/" }).success).toBe(true);
  });

  it("never re-points a bucket that already logs somewhere", () => {
    expect(plan("s3.enable-access-logging", bucket({ logging: { enabled: true, targetBucket: "elsewhere" } }), { targetBucket: "logs" })).toBeNull();
    expect(plan("s3.enable-access-logging", bucket(), { targetBucket: "logs" })?.summary).toContain("s3://logs/b1/");
  });
});

describe("when snapshots, instances, default groups, file systems and groups are planned", () => {
  const snapshot = (pub: boolean) => resource("aws.ebs.snapshot", "snap-1", {
    encrypted: false, kmsKeyId: null, volumeId: null, sizeGiB: 8, state: "completed", startTime: null, ageDays: null, public: pub,
  });

  it("has nothing to do for a private snapshot", () => {
    expect(plan("ebs.make-snapshot-private", snapshot(false))).toBeNull();
    expect(plan("ebs.make-snapshot-private", snapshot(true))).toMatchObject({ before: { public: true }, after: { public: false } });
  });

  it("closes only default groups, and only when they have rules", () => {
    const group = (isDefault: boolean, ingress: unknown[]) => resource("aws.ec2.security-group", "sg-1", {
      groupName: isDefault ? "default" : "app", description: null, vpcId: null, isDefault, ingress, egress: [], ruleCount: ingress.length, launchWizard: false,
    });
    const rules = [rule("tcp", 443, 443, "10.0.0.0/8")];
    expect(plan("ec2.revoke-default-group-rules", group(false, rules))).toBeNull();
    expect(plan("ec2.revoke-default-group-rules", group(true, []))).toBeNull();
    expect(plan("ec2.revoke-default-group-rules", group(true, rules))).toMatchObject({ before: { ingress: rules, egress: [] }, after: { ingress: [], egress: [] } });
  });

  it("accepts only the periods EFS offers, and replaces a different Infrequent Access period", () => {
    const params = automatic("efs.enable-lifecycle").params;
    expect(params.safeParse({ days: 45 }).success).toBe(false);
    expect(params.parse({})).toEqual({ days: 30 });
    const fs = resource("aws.efs.file-system", "fs-1", {
      encrypted: true, kmsKeyId: null, lifeCycleState: "available", performanceMode: null, throughputMode: null, oneZone: false, availabilityZoneName: null,
      backup: { enabled: true, status: "ENABLED" }, lifecyclePolicies: ["TransitionToIA:AFTER_90_DAYS", "TransitionToArchive:AFTER_180_DAYS"],
      fileSystemPolicy: { present: false, allowsAnyClient: false }, mountTargets: 1, accessPoints: 0,
    });
    expect(plan("efs.enable-lifecycle", fs, { days: 90 })).toBeNull();
    expect(plan("efs.enable-lifecycle", fs, { days: 7 })?.after).toEqual({ lifecyclePolicies: ["TransitionToIA:AFTER_7_DAYS", "TransitionToArchive:AFTER_180_DAYS"] });
  });
});
