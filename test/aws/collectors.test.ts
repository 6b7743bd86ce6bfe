import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KIND_NAMES, findKind, modelSchema } from "../../policy/kinds/index.js";
import type { Resource } from "../../policy/resource.js";
import { collectAll, collectOne } from "../../tools/aws/inventory.js";
import { COLLECTORS } from "../../tools/aws/registry.js";
import { ALL_BLOCKED, factsAccount } from "./fixtures.js";
import { ACCOUNT, openSandbox } from "./sandbox-helpers.js";
import type { OpenedSandbox } from "./sandbox-helpers.js";

let sandbox: OpenedSandbox;
let resources: Resource[];
const byId = (kind: string, id: string): Resource => {
  const found = resources.find((r) => r.kind === kind && r.id === id);
  if (!found) throw new Error(`no ${kind} ${id}`);
  return found;
};
const ids = (kind: string) => resources.filter((r) => r.kind === kind).map((r) => r.id).sort();

beforeAll(async () => {
  sandbox = await openSandbox(factsAccount());
  const inventory = await collectAll(sandbox.ctx, KIND_NAMES);
  expect(inventory.failures).toEqual([]);
  resources = inventory.resources;
});
afterAll(() => sandbox.dispose());

describe("when every kind is collected from the sandbox", () => {
  it("has a collector for every kind in the registry of kinds", () => {
    expect(COLLECTORS.map((c) => c.kind).sort()).toEqual([...KIND_NAMES].sort());
  });

  it("produces exactly each kind's model, nothing more", () => {
    for (const r of resources) {
      const def = findKind(r.kind);
      expect(def, r.kind).toBeDefined();
      expect(() => modelSchema(def!).strict().parse(r), `${r.kind} ${r.id}`).not.toThrow();
    }
  });

  it("identifies resources as the kinds say: names, ids, account and regions", () => {
    expect(ids("aws.s3.bucket")).toEqual(["acl-public", "acl-public-ignored", "bare", "configured", "policy-public", "policy-public-restricted"]);
    expect(ids("aws.s3.account-public-access-block")).toEqual([ACCOUNT]);
    expect(ids("aws.ec2.instance")).toEqual(["i-0aaa", "i-0bbb"]);
    expect(ids("aws.ec2.security-group")).toEqual(["sg-0aaa", "sg-0bbb"]);
    expect(ids("aws.ebs.volume")).toEqual(["vol-0aaa", "vol-0bbb"]);
    expect(ids("aws.ebs.encryption-by-default")).toEqual(["eu-west-1", "us-east-1"]);
    expect(ids("aws.efs.file-system")).toEqual(["fs-0aaa", "fs-0bbb"]);
    expect(ids("aws.autoscaling.group")).toEqual(["web-asg"]);
    expect(new Set(resources.map((r) => r.account))).toEqual(new Set([ACCOUNT]));
    expect(byId("aws.s3.bucket", "configured").region).toBe("eu-west-1");
    expect(byId("aws.ebs.volume", "vol-0bbb").region).toBe("eu-west-1");
    expect(byId("aws.ec2.security-group", "sg-0bbb").region).toBe("eu-west-1");
  });

  it("reports each collection's start and end per kind and region", () => {
    const done = sandbox.events.filter((e) => e.type === "collect-done");
    expect(done).toContainEqual({ type: "collect-done", kind: "aws.s3.bucket", region: "eu-west-1", count: 1 });
    expect(done).toContainEqual({ type: "collect-done", kind: "aws.ec2.instance", region: "us-east-1", count: 2 });
    expect(sandbox.events.filter((e) => e.type === "collect-start")).toHaveLength(done.length);
  });
});

describe("when a bucket has nothing configured", () => {
  it("reads every 'not configured' answer as a fact, not an error", () => {
    const bare = byId("aws.s3.bucket", "bare");
    expect(bare).toMatchObject({
      name: "bare", tags: {}, creationDate: "2024-01-01T00:00:00.000Z",
      publicAccessBlock: null, accountPublicAccessBlock: null,
      policy: { present: false, allowsPublic: false, deniesInsecureTransport: false },
      encryption: { enabled: false, algorithm: null, kmsKeyId: null, bucketKeyEnabled: false },
      versioning: { status: "Disabled", mfaDelete: false },
      objectOwnership: null, logging: { enabled: false, targetBucket: null }, lifecycle: { rules: 0 }, objectLock: { enabled: false },
      isPublic: false,
    });
    expect(bare["collectErrors"]).toBeUndefined();
  });
});

describe("when a bucket is fully configured", () => {
  it("reads each configuration through the bucket's own region", () => {
    expect(byId("aws.s3.bucket", "configured")).toMatchObject({
      tags: { owner: "payments" },
      publicAccessBlock: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true },
      policy: { present: true, allowsPublic: false, deniesInsecureTransport: true },
      encryption: { enabled: true, algorithm: "aws:kms", kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/k1", bucketKeyEnabled: true },
      versioning: { status: "Enabled", mfaDelete: false },
      objectOwnership: "BucketOwnerEnforced",
      logging: { enabled: true, targetBucket: "bare" },
      lifecycle: { rules: 1 },
      objectLock: { enabled: true },
    });
  });
});

describe("when deciding which buckets are public", () => {
  it("finds a public ACL public, unless public ACLs are ignored", () => {
    expect(byId("aws.s3.bucket", "acl-public")).toMatchObject({ acl: { publicPermissions: ["READ"] }, public: { viaAcl: true, viaPolicy: false }, isPublic: true });
    expect(byId("aws.s3.bucket", "acl-public-ignored")).toMatchObject({ acl: { publicPermissions: ["READ"] }, public: { viaAcl: false }, isPublic: false });
  });

  it("finds a public policy public, unless public buckets are restricted", () => {
    expect(byId("aws.s3.bucket", "policy-public")).toMatchObject({ policy: { allowsPublic: true }, public: { viaPolicy: true }, isPublic: true });
    expect(byId("aws.s3.bucket", "policy-public-restricted")).toMatchObject({ policy: { allowsPublic: true }, public: { viaPolicy: false }, isPublic: false });
  });

  it("lets account-level Block Public Access make every bucket private", async () => {
    const blocked = await openSandbox(factsAccount(ALL_BLOCKED));
    try {
      const { resources: buckets, failures } = await collectAll(blocked.ctx, ["aws.s3.bucket", "aws.s3.account-public-access-block"]);
      expect(failures).toEqual([]);
      const policyPublic = buckets.find((b) => b.id === "policy-public");
      expect(policyPublic).toMatchObject({
        publicAccessBlock: null,
        accountPublicAccessBlock: { restrictPublicBuckets: true },
        effectivePublicAccessBlock: { restrictPublicBuckets: true, ignorePublicAcls: true },
        policy: { allowsPublic: true }, isPublic: false,
      });
      expect(buckets.filter((b) => b.kind === "aws.s3.bucket" && b["isPublic"] === true)).toEqual([]);
      expect(buckets.find((b) => b.kind === "aws.s3.account-public-access-block")).toMatchObject({ id: ACCOUNT, effective: { blockPublicPolicy: true } });
    } finally {
      blocked.dispose();
    }
  });

  it("reads a missing account setting as not configured", () => {
    expect(byId("aws.s3.account-public-access-block", ACCOUNT)).toMatchObject({
      publicAccessBlock: null,
      effective: { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false },
    });
  });
});

describe("when EC2 resources are collected", () => {
  it("resolves names, volumes and Auto Scaling membership, and drops terminated instances", () => {
    expect(byId("aws.ec2.instance", "i-0aaa")).toMatchObject({
      name: "web-1", instanceType: "t3.micro", state: "running", launchTime: "2024-03-01T00:00:00.000Z",
      availabilityZone: "us-east-1a", publicIp: "203.0.113.10",
      metadataOptions: { httpTokens: "optional", httpEndpoint: "enabled", httpPutResponseHopLimit: 1 },
      securityGroupIds: ["sg-0aaa"], volumeIds: ["vol-0aaa"], autoScalingGroup: null,
    });
    expect(byId("aws.ec2.instance", "i-0bbb")).toMatchObject({ name: null, autoScalingGroup: "web-asg", metadataOptions: { httpTokens: "required" } });
  });

  it("flattens security-group permissions into one rule per source", () => {
    const web = byId("aws.ec2.security-group", "sg-0aaa");
    expect(web).toMatchObject({ groupName: "web", description: "web tier", vpcId: "vpc-1", isDefault: false, tags: { tier: "web" } });
    expect(web["ingress"]).toEqual([
      { protocol: "tcp", fromPort: 22, toPort: 22, source: "0.0.0.0/0", sourceType: "cidr", world: true },
      { protocol: "tcp", fromPort: 22, toPort: 22, source: "10.0.0.0/8", sourceType: "cidr", world: false },
      { protocol: "tcp", fromPort: 443, toPort: 443, source: "::/0", sourceType: "cidr", world: true },
      { protocol: "-1", fromPort: 0, toPort: 65535, source: "sg-0bbb", sourceType: "security-group", world: false },
    ]);
    expect(web["egress"]).toEqual([{ protocol: "-1", fromPort: 0, toPort: 65535, source: "0.0.0.0/0", sourceType: "cidr", world: true }]);
    expect(byId("aws.ec2.security-group", "sg-0bbb")).toMatchObject({ isDefault: true, ingress: [] });
  });

  it("reads volumes and the per-region encryption-by-default setting", () => {
    expect(byId("aws.ebs.volume", "vol-0aaa")).toMatchObject({ encrypted: false, kmsKeyId: null, sizeGiB: 8, snapshotId: null, attachedInstanceIds: ["i-0aaa"] });
    expect(byId("aws.ebs.volume", "vol-0bbb")).toMatchObject({ encrypted: true, snapshotId: "snap-1", attachedInstanceIds: [] });
    expect(byId("aws.ebs.encryption-by-default", "us-east-1")).toMatchObject({ region: "us-east-1", enabled: false });
    expect(byId("aws.ebs.encryption-by-default", "eu-west-1")).toMatchObject({ enabled: true });
  });
});

describe("when EFS file systems and Auto Scaling groups are collected", () => {
  it("reads backup, lifecycle, policy and access points, with missing policies as facts", () => {
    expect(byId("aws.efs.file-system", "fs-0aaa")).toMatchObject({
      name: "shared", encrypted: false, oneZone: false, backup: { enabled: false, status: null },
      lifecyclePolicies: [], fileSystemPolicy: { present: false }, mountTargets: 2, accessPoints: 0,
    });
    expect(byId("aws.efs.file-system", "fs-0bbb")).toMatchObject({
      encrypted: true, oneZone: true, availabilityZoneName: "us-east-1a", backup: { enabled: true, status: "ENABLED" },
      lifecyclePolicies: ["TransitionToIA:AFTER_30_DAYS"], fileSystemPolicy: { present: true }, accessPoints: 2,
    });
    expect(byId("aws.efs.file-system", "fs-0aaa")["collectErrors"]).toBeUndefined();
  });

  it("reads the group's sizes, load balancing and instances", () => {
    expect(byId("aws.autoscaling.group", "web-asg")).toMatchObject({
      name: "web-asg", tags: { team: "web" }, minSize: 1, maxSize: 3, desiredCapacity: 1, healthCheckType: "ELB",
      loadBalanced: true, launchTemplate: "web", launchConfigurationName: null, capacityRebalance: true,
      instanceTypes: ["t3.small"], instanceIds: ["i-0bbb"],
    });
  });
});

describe("when one resource is re-read", () => {
  it("answers the same resource collectAll produced, for every kind", async () => {
    for (const r of resources) {
      expect(await collectOne(sandbox.ctx, r.kind, r.id, r.region), `${r.kind} ${r.id}`).toEqual(r);
    }
  });

  it("answers null for a resource that does not exist", async () => {
    expect(await collectOne(sandbox.ctx, "aws.s3.bucket", "no-such-bucket", "us-east-1")).toBeNull();
    expect(await collectOne(sandbox.ctx, "aws.ec2.instance", "i-0ccc", "us-east-1")).toBeNull();
    expect(await collectOne(sandbox.ctx, "aws.ec2.instance", "i-0fff", "us-east-1")).toBeNull();
    expect(await collectOne(sandbox.ctx, "aws.ec2.security-group", "sg-0fff", "us-east-1")).toBeNull();
    expect(await collectOne(sandbox.ctx, "aws.ebs.volume", "vol-0fff", "us-east-1")).toBeNull();
    expect(await collectOne(sandbox.ctx, "aws.efs.file-system", "fs-0fff", "us-east-1")).toBeNull();
    expect(await collectOne(sandbox.ctx, "aws.autoscaling.group", "nope", "us-east-1")).toBeNull();
  });
});

describe("when collection is narrowed to some regions", () => {
  it("returns only resources of those regions, and account settings once", async () => {
    const { resources: some, failures } = await collectAll(sandbox.ctx, ["aws.s3.bucket", "aws.ebs.volume", "aws.s3.account-public-access-block"], { regions: ["eu-west-1"] });
    expect(failures).toEqual([]);
    expect(some.map((r) => `${r.kind}:${r.id}`).sort()).toEqual([
      "aws.ebs.volume:vol-0bbb", `aws.s3.account-public-access-block:${ACCOUNT}`, "aws.s3.bucket:configured",
    ]);
  });

  it("records a region the target does not have as a failure, not silence", async () => {
    const { failures } = await collectAll(sandbox.ctx, ["aws.ebs.volume"], { regions: ["ap-south-2"] });
    expect(failures).toEqual([expect.objectContaining({ region: "ap-south-2", code: "INPUT_INVALID" })]);
  });
});
