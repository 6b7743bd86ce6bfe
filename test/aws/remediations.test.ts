import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { KIND_NAMES } from "../../policy/kinds/index.js";
import type { Resource } from "../../policy/resource.js";
import type { JsonValue } from "../../policy/schema.js";
import { collectAll, collectOne } from "../../tools/aws/inventory.js";
import type { AutomaticAction } from "../../tools/aws/kind-tools.js";
import { ACTIONS, findAction, findCollector } from "../../tools/aws/registry.js";
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
        { protocol: "tcp", fromPort: 22, toPort: 22, source: "10.0.0.0/8", sourceType: "cidr", world: false },
        { protocol: "tcp", fromPort: 443, toPort: 443, source: "::/0", sourceType: "cidr", world: true },
        { protocol: "-1", fromPort: 0, toPort: 65535, source: "sg-0bbb", sourceType: "security-group", world: false },
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

describe("when a manual action is asked for", () => {
  it.each([
    ["efs.encrypt-at-rest", "aws.efs.file-system", "fs-0aaa"],
    ["ebs.encrypt-volume", "aws.ebs.volume", "vol-0aaa"],
    ["ec2.attach-to-autoscaling-group", "aws.ec2.instance", "i-0aaa"],
  ])("%s gives guidance for %s %s and changes nothing", async (name, kind, id) => {
    sandbox = await openSandbox(factsAccount());
    const action = findAction(name);
    if (!action?.manual) throw new Error(`${name} should be manual`);
    const text = readFileSync(sandbox.file, "utf8");
    const resource = await read(kind, id, "us-east-1");
    const guidance = action.guidance(resource, action.params.parse({}));
    expect(guidance).toMatch(/^manual: /);
    expect(guidance).toContain(id);
    expect(guidance).not.toMatch(/\bfixed\b/);
    if (kind !== "aws.ec2.instance") expect(guidance).toContain("requires replacement");
    expect("apply" in action).toBe(false);
    expect(readFileSync(sandbox.file, "utf8")).toBe(text);
    expect(await read(kind, id, "us-east-1")).toEqual(resource);
  });
});

describe("when the action catalogue is inspected", () => {
  it("gives every action a unique name, a known kind with a collector, and IAM permissions", () => {
    expect(new Set(ACTIONS.map((a) => a.name)).size).toBe(ACTIONS.length);
    for (const action of ACTIONS) {
      expect(KIND_NAMES, action.name).toContain(action.kind);
      expect(findCollector(action.kind), action.name).toBeDefined();
      expect(action.permissions.length, action.name).toBeGreaterThan(0);
      for (const p of action.permissions) expect(p, action.name).toMatch(/^[a-z0-9-]+:[A-Za-z]+$/);
    }
  });

  it("lets every action accept an empty parameter object, except those that need ports", () => {
    for (const action of ACTIONS) {
      expect(action.params.safeParse({}).success, action.name).toBe(action.name !== "ec2.revoke-public-ingress");
    }
  });
});
