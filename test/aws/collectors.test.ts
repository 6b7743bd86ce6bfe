import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KIND_NAMES, findKind, modelSchema, COLLECTORS } from "../../engine/registry.js";
import type { Resource } from "../../contracts/resource.js";
import { collectAll, collectOne } from "../../tools/aws/inventory.js";
import { ALL_BLOCKED, factsAccount } from "./fixtures.js";
import { ACCOUNT, openSandbox } from "./sandbox-helpers.js";
import type { OpenedSandbox } from "./sandbox-helpers.js";

const rule = (protocol: string, fromPort: number, toPort: number, source: string, sourceType: string) =>
  ({ protocol, fromPort, toPort, source, sourceType, world: false, prefixLength: null as number | null, publicCidr: false, groupId: "sg-0aaa" });
/** sg-0aaa's ingress as the fixture writes it, flattened. */
const WEB_INGRESS = [
  { ...rule("tcp", 22, 22, "0.0.0.0/0", "cidr"), world: true, prefixLength: 0, publicCidr: true },
  { ...rule("tcp", 22, 22, "10.0.0.0/8", "cidr"), prefixLength: 8 },
  { ...rule("tcp", 443, 443, "::/0", "cidr"), world: true, prefixLength: 0, publicCidr: true },
  rule("-1", 0, 65535, "sg-0bbb", "security-group"),
];

let sandbox: OpenedSandbox;
let resources: Resource[];
const byId = (kind: string, id: string): Resource => {
  const found = resources.find((r) => r.kind === kind && r.id === id);
  if (!found) throw new Error(`no ${kind} ${id}`);
  return found;
};
const ids = (kind: string) => resources.filter((r) => r.kind === kind).map((r) => r.id).sort();

/** The clock every age below is measured on. */
const NOW = new Date("2024-06-01T00:00:00Z");

beforeAll(async () => {
  sandbox = await openSandbox(factsAccount());
  sandbox.ctx.now = () => NOW;
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
    expect(ids("aws.s3.bucket")).toEqual(["acl-public", "acl-public-ignored", "bare", "configured", "cross-account", "policy-public", "policy-public-restricted"]);
    expect(ids("aws.s3.account-public-access-block")).toEqual([ACCOUNT]);
    expect(ids("aws.ec2.instance")).toEqual(["i-0aaa", "i-0bbb", "i-0ddd"]);
    expect(ids("aws.ec2.security-group")).toEqual(["sg-0aaa", "sg-0bbb", "sg-0ccc"]);
    expect(ids("aws.ebs.volume")).toEqual(["vol-0aaa", "vol-0bbb", "vol-0ccc"]);
    expect(ids("aws.ebs.snapshot")).toEqual(["snap-0aaa", "snap-0bbb"]);
    expect(ids("aws.ebs.encryption-by-default")).toEqual(["eu-west-1", "us-east-1"]);
    expect(ids("aws.efs.file-system")).toEqual(["fs-0aaa", "fs-0bbb", "fs-0ccc"]);
    expect(ids("aws.efs.access-point")).toEqual(["fsap-1", "fsap-2"]);
    expect(ids("aws.autoscaling.group")).toEqual(["batch-asg", "web-asg"]);
    expect(new Set(resources.map((r) => r.account))).toEqual(new Set([ACCOUNT]));
    expect(byId("aws.s3.bucket", "configured").region).toBe("eu-west-1");
    expect(byId("aws.ebs.volume", "vol-0bbb").region).toBe("eu-west-1");
    expect(byId("aws.ec2.security-group", "sg-0bbb").region).toBe("eu-west-1");
  });

  it("reports each collection's start and end per kind and region", () => {
    const done = sandbox.events.filter((e) => e.type === "collect-done");
    expect(done).toContainEqual({ type: "collect-done", kind: "aws.s3.bucket", region: "eu-west-1", count: 1 });
    expect(done).toContainEqual({ type: "collect-done", kind: "aws.ec2.instance", region: "us-east-1", count: 3 });
    expect(sandbox.events.filter((e) => e.type === "collect-start")).toHaveLength(done.length);
  });
});

describe("when a bucket has nothing configured", () => {
  it("reads every 'not configured' answer as a fact, not an error", () => {
    const bare = byId("aws.s3.bucket", "bare");
    expect(bare).toMatchObject({
      name: "bare", tags: {}, creationDate: "2024-01-01T00:00:00.000Z",
      publicAccessBlock: null, accountPublicAccessBlock: null,
      policy: { present: false, allowsPublic: false, deniesInsecureTransport: false, crossAccount: false },
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
      policy: { present: true, allowsPublic: false, deniesInsecureTransport: true, crossAccount: false },
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

  it("finds a grant to another account, but not one to the bucket owner's own roles, cross-account and not public", () => {
    expect(byId("aws.s3.bucket", "cross-account")).toMatchObject({ policy: { present: true, allowsPublic: false, crossAccount: true }, isPublic: false });
    expect(byId("aws.s3.bucket", "policy-public")).toMatchObject({ policy: { crossAccount: false } });
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

  it("flattens security-group permissions into one rule per source, each with its group, prefix and reach", () => {
    const web = byId("aws.ec2.security-group", "sg-0aaa");
    expect(web).toMatchObject({ groupName: "web", description: "web tier", vpcId: "vpc-1", isDefault: false, launchWizard: false, tags: { tier: "web" } });
    expect(web["ingress"]).toEqual(WEB_INGRESS);
    expect(web["egress"]).toEqual([{ ...rule("-1", 0, 65535, "0.0.0.0/0", "cidr"), world: true, prefixLength: 0, publicCidr: true }]);
    expect(web["ruleCount"]).toBe(5);
    expect(byId("aws.ec2.security-group", "sg-0bbb")).toMatchObject({ isDefault: true, ruleCount: 3, ingress: [{ source: "sg-0bbb", groupId: "sg-0bbb" }] });
  });

  it("recognises a launch-wizard group and measures its CIDRs", () => {
    expect(byId("aws.ec2.security-group", "sg-0ccc")).toMatchObject({
      groupName: "launch-wizard-3", launchWizard: true, isDefault: false, ruleCount: 3, egress: [],
      ingress: [
        { fromPort: 22, source: "198.51.100.0/22", world: false, prefixLength: 22, publicCidr: true, groupId: "sg-0ccc" },
        { fromPort: 8080, source: "10.1.0.0/16", world: false, prefixLength: 16, publicCidr: false, groupId: "sg-0ccc" },
        { fromPort: 8080, source: "pl-0abc", sourceType: "prefix-list", prefixLength: null, publicCidr: false, groupId: "sg-0ccc" },
      ],
    });
  });

  it("gives an instance the ingress of all its groups, its volumes' encryption and its ages on the context's clock", () => {
    const stopped = byId("aws.ec2.instance", "i-0ddd");
    expect(stopped["ingress"]).toEqual([...WEB_INGRESS, ...(byId("aws.ec2.security-group", "sg-0ccc")["ingress"] as unknown[])]);
    // vol-0gone is no longer listed by DescribeVolumes: it is not reported as attached.
    expect(stopped).toMatchObject({ state: "stopped", volumeIds: ["vol-0ccc", "vol-0gone"], volumes: [{ volumeId: "vol-0ccc", encrypted: true }] });
    expect(stopped).toMatchObject({ ageDays: 366, stoppedDays: 30, virtualizationType: "paravirtual" });
    expect(byId("aws.ec2.instance", "i-0aaa")).toMatchObject({
      ingress: WEB_INGRESS, volumes: [{ volumeId: "vol-0aaa", encrypted: false }], ageDays: 92, stoppedDays: null, monitoring: "disabled",
    });
    expect(byId("aws.ec2.instance", "i-0bbb")).toMatchObject({ ingress: [], volumes: [], ageDays: null, stoppedDays: null });
  });

  it("reads volumes and the per-region encryption-by-default setting", () => {
    expect(byId("aws.ebs.volume", "vol-0aaa")).toMatchObject({ encrypted: false, kmsKeyId: null, sizeGiB: 8, snapshotId: null, attachedInstanceIds: ["i-0aaa"] });
    expect(byId("aws.ebs.volume", "vol-0bbb")).toMatchObject({ encrypted: true, snapshotId: "snap-1", attachedInstanceIds: [] });
    expect(byId("aws.ebs.encryption-by-default", "us-east-1")).toMatchObject({ region: "us-east-1", enabled: false });
    expect(byId("aws.ebs.encryption-by-default", "eu-west-1")).toMatchObject({ enabled: true });
  });

  it("reads the account's own snapshots with who may create volumes from them", () => {
    expect(byId("aws.ebs.snapshot", "snap-0aaa")).toMatchObject({
      region: "us-east-1", name: "web-1-root", encrypted: false, kmsKeyId: null, volumeId: "vol-0aaa", sizeGiB: 8, state: "completed",
      startTime: "2024-05-02T00:00:00.000Z", ageDays: 30, public: true,
    });
    // Shared with one named account is not public; a copy has no real source volume.
    expect(byId("aws.ebs.snapshot", "snap-0bbb")).toMatchObject({
      region: "eu-west-1", encrypted: true, kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/k2", volumeId: null, ageDays: 366, public: false,
    });
  });
});

describe("when EFS file systems and Auto Scaling groups are collected", () => {
  it("reads backup, lifecycle, policy and access points, with missing policies as facts", () => {
    expect(byId("aws.efs.file-system", "fs-0aaa")).toMatchObject({
      name: "shared", encrypted: false, oneZone: false, backup: { enabled: false, status: null },
      lifecyclePolicies: [], fileSystemPolicy: { present: false, allowsAnyClient: false }, mountTargets: 2, accessPoints: 0,
    });
    expect(byId("aws.efs.file-system", "fs-0bbb")).toMatchObject({
      encrypted: true, oneZone: true, availabilityZoneName: "us-east-1a", backup: { enabled: true, status: "ENABLED" },
      lifecyclePolicies: ["TransitionToIA:AFTER_30_DAYS", "TransitionToPrimaryStorageClass:AFTER_1_ACCESS"],
      fileSystemPolicy: { present: true, allowsAnyClient: false }, accessPoints: 2,
    });
    expect(byId("aws.efs.file-system", "fs-0ccc")).toMatchObject({ region: "eu-west-1", fileSystemPolicy: { present: true, allowsAnyClient: true } });
    expect(byId("aws.efs.file-system", "fs-0aaa")["collectErrors"]).toBeUndefined();
  });

  it("reads each access point's root directory and POSIX user, with \"/\" and null when unset", () => {
    expect(byId("aws.efs.access-point", "fsap-1")).toMatchObject({
      name: "data", tags: { team: "data" }, fileSystemId: "fs-0bbb", rootDirectory: "/data", posixUser: { uid: 1001, gid: 1002 },
    });
    expect(byId("aws.efs.access-point", "fsap-2")).toMatchObject({ name: null, fileSystemId: "fs-0bbb", rootDirectory: "/", posixUser: null });
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
    expect(await collectOne(sandbox.ctx, "aws.ebs.snapshot", "snap-0ffe", "us-east-1")).toBeNull();
    expect(await collectOne(sandbox.ctx, "aws.efs.access-point", "fsap-9", "us-east-1")).toBeNull();
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
