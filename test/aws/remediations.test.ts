import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { KIND_NAMES, ACTIONS, actionsForKind, findAction, findCollector } from "../../engine/registry.js";
import type { Resource } from "../../contracts/resource.js";
import type { JsonValue } from "../../contracts/policy.js";
import { collectAll, collectOne } from "../../tools/aws/inventory.js";
import { ANY_KIND } from "../../engine/control.js";
import type { AutomaticAction } from "../../engine/domain.js";
import { factsAccount } from "./fixtures.js";
import { ACCOUNT, openSandbox } from "./sandbox-helpers.js";
import type { OpenedSandbox } from "./sandbox-helpers.js";

let sandbox: OpenedSandbox | undefined;
afterEach(() => sandbox?.dispose());

function automatic(name: string): AutomaticAction {
  const action = findAction(name);
  if (!action || action.manual) throw new Error(`${name} is not an automatic action`);
  return action;
}

async function read(kind: string, id: string, region: string): Promise<Resource> {
  const resource = await collectOne(sandbox!.ctx, kind, id, region);
  if (!resource) throw new Error(`${kind} ${id} not found`);
  return resource;
}

type Disk = ReturnType<OpenedSandbox["onDisk"]>;
const bucketOnDisk = (disk: Disk, name: string) => disk.s3.buckets.find((b) => b["Name"] === name);
const listOnDisk = (disk: Disk, section: string, list: string, idField: string, id: string) =>
  ((disk[section] as Record<string, Array<Record<string, unknown>>>)[list] ?? []).find((x) => x[idField] === id);

interface Case {
  action: string;
  kind: string;
  id: string;
  region: string;
  params: Record<string, JsonValue>;
  /** What the re-read resource shows after apply. */
  after: Record<string, unknown>;
  /** What the account file on disk shows after apply. */
  disk: (d: Disk) => unknown;
  diskExpected: unknown;
}

const CASES: Case[] = [
  {
    action: "s3.block-public-access", kind: "aws.s3.bucket", id: "acl-public", region: "us-east-1", params: {},
    after: { publicAccessBlock: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true }, isPublic: false },
    disk: (d) => bucketOnDisk(d, "acl-public")?.["PublicAccessBlock"],
    diskExpected: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
  },
  {
    action: "s3.enable-default-encryption", kind: "aws.s3.bucket", id: "bare", region: "us-east-1", params: {},
    after: { encryption: { enabled: true, algorithm: "AES256", kmsKeyId: null, bucketKeyEnabled: false } },
    disk: (d) => (bucketOnDisk(d, "bare")?.["Encryption"] as { Rules: Array<{ ApplyServerSideEncryptionByDefault: unknown }> }).Rules[0]?.ApplyServerSideEncryptionByDefault,
    diskExpected: { SSEAlgorithm: "AES256" },
  },
  {
    action: "s3.enable-default-encryption", kind: "aws.s3.bucket", id: "policy-public", region: "us-east-1",
    params: { algorithm: "aws:kms", kmsKeyId: "alias/data", bucketKeyEnabled: true },
    after: { encryption: { enabled: true, algorithm: "aws:kms", kmsKeyId: "alias/data", bucketKeyEnabled: true } },
    disk: (d) => (bucketOnDisk(d, "policy-public")?.["Encryption"] as { Rules: unknown[] }).Rules[0],
    diskExpected: { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: "alias/data" }, BucketKeyEnabled: true },
  },
  {
    action: "s3.enable-versioning", kind: "aws.s3.bucket", id: "bare", region: "us-east-1", params: {},
    after: { versioning: { status: "Enabled", mfaDelete: false } },
    disk: (d) => (bucketOnDisk(d, "bare")?.["Versioning"] as { Status?: string }).Status,
    diskExpected: "Enabled",
  },
  {
    action: "s3.block-account-public-access", kind: "aws.s3.account-public-access-block", id: ACCOUNT, region: "us-east-1", params: {},
    after: { effective: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true } },
    disk: (d) => d.s3.accountPublicAccessBlock,
    diskExpected: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
  },
  {
    action: "ec2.require-imdsv2", kind: "aws.ec2.instance", id: "i-0aaa", region: "us-east-1", params: {},
    after: { metadataOptions: { httpTokens: "required", httpEndpoint: "enabled", httpPutResponseHopLimit: 1 } },
    disk: (d) => (listOnDisk(d, "ec2", "instances", "InstanceId", "i-0aaa")?.["MetadataOptions"] as { HttpTokens?: string }).HttpTokens,
    diskExpected: "required",
  },
  {
    action: "ec2.revoke-public-ingress", kind: "aws.ec2.security-group", id: "sg-0aaa", region: "us-east-1", params: { ports: [22] },
    after: {
      ingress: [
        { protocol: "tcp", fromPort: 22, toPort: 22, source: "10.0.0.0/8", sourceType: "cidr", world: false, groupId: "sg-0aaa" },
        { protocol: "tcp", fromPort: 443, toPort: 443, source: "::/0", sourceType: "cidr", world: true, groupId: "sg-0aaa" },
        { protocol: "-1", fromPort: 0, toPort: 65535, source: "sg-0bbb", sourceType: "security-group", world: false, groupId: "sg-0aaa" },
      ],
    },
    disk: (d) => JSON.stringify(listOnDisk(d, "ec2", "securityGroups", "GroupId", "sg-0aaa")?.["IpPermissions"]).includes("0.0.0.0/0"),
    diskExpected: false,
  },
  {
    action: "ebs.enable-encryption-by-default", kind: "aws.ebs.encryption-by-default", id: "us-east-1", region: "us-east-1", params: {},
    after: { enabled: true },
    disk: (d) => (d["ec2"] as { ebsEncryptionByDefault: Record<string, boolean> }).ebsEncryptionByDefault["us-east-1"],
    diskExpected: true,
  },
  {
    action: "efs.enable-backup", kind: "aws.efs.file-system", id: "fs-0aaa", region: "us-east-1", params: {},
    after: { backup: { enabled: true } },
    disk: (d) => (listOnDisk(d, "efs", "fileSystems", "FileSystemId", "fs-0aaa")?.["BackupPolicy"] as { Status?: string }).Status,
    diskExpected: "ENABLED",
  },
  {
    action: "s3.disable-acls", kind: "aws.s3.bucket", id: "acl-public", region: "us-east-1", params: {},
    after: { objectOwnership: "BucketOwnerEnforced", acl: { publicPermissions: [], grants: 1 }, isPublic: false },
    disk: (d) => [bucketOnDisk(d, "acl-public")?.["OwnershipControls"], (bucketOnDisk(d, "acl-public")?.["Acl"] as { Grants: unknown[] }).Grants.length],
    diskExpected: [{ Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] }, 1],
  },
  {
    action: "s3.deny-insecure-transport", kind: "aws.s3.bucket", id: "policy-public", region: "us-east-1", params: {},
    // The public statement stays: this action adds a Deny, it does not decide what else is allowed.
    after: { policy: { present: true, deniesInsecureTransport: true, allowsPublic: true } },
    disk: (d) => ((JSON.parse(JSON.stringify(bucketOnDisk(d, "policy-public")?.["Policy"])) as { Statement: Array<{ Effect: string; Sid?: string }> }).Statement)
      .map((st) => `${st.Effect}:${st.Sid ?? ""}`),
    diskExpected: ["Allow:", "Deny:DenyInsecureTransport"],
  },
  {
    action: "s3.deny-insecure-transport", kind: "aws.s3.bucket", id: "bare", region: "us-east-1", params: {},
    after: { policy: { present: true, deniesInsecureTransport: true, allowsPublic: false } },
    disk: (d) => (bucketOnDisk(d, "bare")?.["Policy"] as { Statement: Array<{ Resource: unknown }> }).Statement.map((st) => st.Resource),
    diskExpected: [["arn:aws:s3:::bare", "arn:aws:s3:::bare/*"]],
  },
  {
    action: "s3.enable-bucket-key", kind: "aws.s3.bucket", id: "bare", region: "us-east-1", params: {},
    after: { encryption: { enabled: true, algorithm: "AES256", kmsKeyId: null, bucketKeyEnabled: true } },
    disk: (d) => (bucketOnDisk(d, "bare")?.["Encryption"] as { Rules: unknown[] }).Rules,
    diskExpected: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" }, BucketKeyEnabled: true }],
  },
  {
    action: "s3.enable-access-logging", kind: "aws.s3.bucket", id: "bare", region: "us-east-1", params: { targetBucket: "acl-public" },
    after: { logging: { enabled: true, targetBucket: "acl-public" } },
    disk: (d) => bucketOnDisk(d, "bare")?.["Logging"],
    diskExpected: { TargetBucket: "acl-public", TargetPrefix: "bare/" },
  },
  {
    action: "ebs.make-snapshot-private", kind: "aws.ebs.snapshot", id: "snap-0aaa", region: "us-east-1", params: {},
    after: { public: false },
    disk: (d) => listOnDisk(d, "ec2", "snapshots", "SnapshotId", "snap-0aaa")?.["CreateVolumePermissions"],
    diskExpected: [],
  },
  {
    action: "ec2.enable-detailed-monitoring", kind: "aws.ec2.instance", id: "i-0aaa", region: "us-east-1", params: {},
    after: { monitoring: "enabled" },
    disk: (d) => listOnDisk(d, "ec2", "instances", "InstanceId", "i-0aaa")?.["Monitoring"],
    diskExpected: { State: "enabled" },
  },
  {
    action: "ec2.revoke-default-group-rules", kind: "aws.ec2.security-group", id: "sg-0bbb", region: "eu-west-1", params: {},
    after: { ingress: [], egress: [], ruleCount: 0 },
    disk: (d) => [listOnDisk(d, "ec2", "securityGroups", "GroupId", "sg-0bbb")?.["IpPermissions"], listOnDisk(d, "ec2", "securityGroups", "GroupId", "sg-0bbb")?.["IpPermissionsEgress"]],
    diskExpected: [[], []],
  },
  {
    action: "efs.enable-lifecycle", kind: "aws.efs.file-system", id: "fs-0aaa", region: "us-east-1", params: {},
    after: { lifecyclePolicies: ["TransitionToIA:AFTER_30_DAYS"] },
    disk: (d) => listOnDisk(d, "efs", "fileSystems", "FileSystemId", "fs-0aaa")?.["LifecyclePolicies"],
    diskExpected: [{ TransitionToIA: "AFTER_30_DAYS" }],
  },
  {
    action: "efs.enable-lifecycle", kind: "aws.efs.file-system", id: "fs-0bbb", region: "us-east-1", params: { days: 14 },
    after: { lifecyclePolicies: ["TransitionToIA:AFTER_14_DAYS", "TransitionToPrimaryStorageClass:AFTER_1_ACCESS"] },
    disk: (d) => listOnDisk(d, "efs", "fileSystems", "FileSystemId", "fs-0bbb")?.["LifecyclePolicies"],
    diskExpected: [{ TransitionToIA: "AFTER_14_DAYS" }, { TransitionToPrimaryStorageClass: "AFTER_1_ACCESS" }],
  },
  {
    action: "autoscaling.enable-capacity-rebalance", kind: "aws.autoscaling.group", id: "batch-asg", region: "us-east-1", params: {},
    after: { capacityRebalance: true, minSize: 0, maxSize: 2 },
    disk: (d) => listOnDisk(d, "autoscaling", "groups", "AutoScalingGroupName", "batch-asg")?.["CapacityRebalance"],
    diskExpected: true,
  },
];

describe.each(CASES)("when $action fixes $id", (c) => {
  it("plans before → after, applies it, and then has nothing left to do", async () => {
    sandbox = await openSandbox(factsAccount());
    const action = automatic(c.action);
    const params = action.params.parse(c.params);
    const before = await read(c.kind, c.id, c.region);

    const plan = action.plan(before, params);
    expect(plan).not.toBeNull();
    expect(plan!.before).not.toEqual(plan!.after);
    expect(plan!.summary).toContain(c.id);

    await action.apply(sandbox.ctx, before, params);
    const after = await read(c.kind, c.id, c.region);
    expect(after).toMatchObject(c.after);
    expect(c.disk(sandbox.onDisk())).toEqual(c.diskExpected);
    expect(action.plan(after, params)).toBeNull();
  });
});

describe("when the account's Block Public Access is turned on", () => {
  it("makes every bucket private on the next collection", async () => {
    sandbox = await openSandbox(factsAccount());
    const isPublic = async () => (await collectAll(sandbox!.ctx, ["aws.s3.bucket"])).resources.filter((b) => b["isPublic"]).map((b) => b.id).sort();
    expect(await isPublic()).toEqual(["acl-public", "policy-public"]);
    const action = automatic("s3.block-account-public-access");
    await action.apply(sandbox.ctx, await read("aws.s3.account-public-access-block", ACCOUNT, "us-east-1"), action.params.parse({}));
    expect(await isPublic()).toEqual([]);
  });
});

/** Every manual action, with a resource of its kind; `replaced` marks fixes that need a new resource. */
const MANUAL: Array<[name: string, kind: string, id: string, region: string, replaced: boolean]> = [
  ["efs.encrypt-at-rest", "aws.efs.file-system", "fs-0aaa", "us-east-1", true],
  ["ebs.encrypt-volume", "aws.ebs.volume", "vol-0aaa", "us-east-1", true],
  ["ec2.attach-to-autoscaling-group", "aws.ec2.instance", "i-0aaa", "us-east-1", false],
  ["s3.enable-mfa-delete", "aws.s3.bucket", "configured", "eu-west-1", false],
  ["s3.enable-object-lock", "aws.s3.bucket", "bare", "us-east-1", false],
  ["s3.add-lifecycle-rules", "aws.s3.bucket", "bare", "us-east-1", false],
  ["ec2.remove-public-ip", "aws.ec2.instance", "i-0aaa", "us-east-1", false],
  ["ec2.attach-instance-profile", "aws.ec2.instance", "i-0aaa", "us-east-1", false],
  ["ec2.replace-instance", "aws.ec2.instance", "i-0ddd", "us-east-1", false],
  ["ec2.restrict-security-group", "aws.ec2.security-group", "sg-0ccc", "us-east-1", false],
  ["ebs.encrypt-snapshot", "aws.ebs.snapshot", "snap-0aaa", "us-east-1", true],
  ["efs.make-regional", "aws.efs.file-system", "fs-0bbb", "us-east-1", true],
  ["efs.restrict-file-system-policy", "aws.efs.file-system", "fs-0ccc", "eu-west-1", false],
  ["efs.set-access-point-root", "aws.efs.access-point", "fsap-2", "us-east-1", true],
  ["efs.set-access-point-user", "aws.efs.access-point", "fsap-2", "us-east-1", true],
  ["autoscaling.spread-azs", "aws.autoscaling.group", "batch-asg", "us-east-1", false],
  ["autoscaling.use-elb-health-check", "aws.autoscaling.group", "web-asg", "us-east-1", false],
  ["autoscaling.use-launch-template", "aws.autoscaling.group", "batch-asg", "us-east-1", false],
  ["autoscaling.use-multiple-instance-types", "aws.autoscaling.group", "web-asg", "us-east-1", false],
  ["tags.add-required-tags", "aws.s3.bucket", "bare", "us-east-1", false],
  ["s3.restrict-bucket-policy", "aws.s3.bucket", "cross-account", "us-east-1", false],
  ["s3.enable-access-logging-manual", "aws.s3.bucket", "bare", "us-east-1", false],
  ["ec2.encrypt-attached-volumes", "aws.ec2.instance", "i-0aaa", "us-east-1", true],
  ["ec2.restrict-instance-ingress", "aws.ec2.instance", "i-0aaa", "us-east-1", false],
];

describe("when a manual action is asked for", () => {
  it.each(MANUAL)("%s gives guidance for %s %s and changes nothing", async (name, kind, id, region, replaced) => {
    sandbox = await openSandbox(factsAccount());
    const action = findAction(name);
    if (!action?.manual) throw new Error(`${name} should be manual`);
    const text = readFileSync(sandbox.file, "utf8");
    const resource = await read(kind, id, region);
    const guidance = action.guidance(resource, action.params.parse({}));
    expect(guidance).toMatch(/^manual: /);
    expect(guidance).toContain(id);
    expect(guidance).not.toMatch(/\bfixed\b/);
    expect(guidance.includes("requires replacement")).toBe(replaced);
    expect("apply" in action).toBe(false);
    expect(readFileSync(sandbox.file, "utf8")).toBe(text);
    expect(await read(kind, id, region)).toEqual(resource);
  });

  it("covers every manual action in the catalogue", () => {
    expect(ACTIONS.filter((a) => a.manual).map((a) => a.name).sort()).toEqual(MANUAL.map(([name]) => name).sort());
  });
});

describe("when the action catalogue is inspected", () => {
  it("gives every action a unique name, a known kind with a collector (or any kind), and IAM permissions", () => {
    expect(new Set(ACTIONS.map((a) => a.name)).size).toBe(ACTIONS.length);
    for (const action of ACTIONS) {
      if (action.kind !== ANY_KIND) {
        expect(KIND_NAMES, action.name).toContain(action.kind);
        expect(findCollector(action.kind), action.name).toBeDefined();
      }
      expect(action.permissions.length, action.name).toBeGreaterThan(0);
      for (const p of action.permissions) expect(p, action.name).toMatch(/^[a-z0-9-]+:[A-Za-z]+$/);
    }
    expect(ACTIONS.filter((a) => a.kind === ANY_KIND).map((a) => a.name)).toEqual(["tags.add-required-tags"]);
  });

  it("declares every action's effect, and all of ours tighten", () => {
    for (const action of ACTIONS) expect(action.effect, action.name).toBe("tightens");
  });

  it("lets every action accept an empty parameter object, except those that need ports or a log bucket", () => {
    const needParams = ["ec2.revoke-public-ingress", "s3.enable-access-logging"];
    for (const action of ACTIONS) {
      expect(action.params.safeParse({}).success, action.name).toBe(!needParams.includes(action.name));
    }
  });

  it("offers the any-kind actions with every kind's own", () => {
    expect(actionsForKind("aws.ebs.snapshot").map((a) => a.name).sort()).toEqual(["ebs.encrypt-snapshot", "ebs.make-snapshot-private", "tags.add-required-tags"]);
  });
});
