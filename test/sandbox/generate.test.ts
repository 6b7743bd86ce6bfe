import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isAgpmError } from "../../core/errors.js";
import { generateDemoAccount, generateScaleAccount, SandboxAccount, SandboxFileSchema, writeSandboxFile } from "../../tools/aws/sandbox/index.js";
import type { SandboxFile, SandboxState } from "../../tools/aws/sandbox/index.js";
import { tempDir } from "./helpers.js";

const ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
const WORLD = new Set(["0.0.0.0/0", "::/0"]);

function parsed(file: SandboxFile): SandboxState {
  const result = SandboxFileSchema.safeParse(file);
  expect(result.success).toBe(true);
  return result.data as SandboxState;
}

function opensPort(group: SandboxState["ec2"]["securityGroups"][number], port: number): boolean {
  return (group.IpPermissions ?? []).some((p) =>
    (p.IpProtocol === "-1" || ((p.FromPort ?? 0) <= port && port <= (p.ToPort ?? 65535))) &&
    [...(p.IpRanges ?? []).map((r) => r.CidrIp), ...(p.Ipv6Ranges ?? []).map((r) => r.CidrIpv6)].some((c) => WORLD.has(c)));
}

describe("when generating the demo account", () => {
  const demo = parsed(generateDemoAccount());
  const buckets = demo.s3.buckets;
  const inAsg = new Set(demo.autoscaling.groups.flatMap((g) => (g.Instances ?? []).map((i) => i.InstanceId)));

  it("is deterministic and spans us-east-1 and eu-west-1", () => {
    expect(JSON.stringify(generateDemoAccount())).toBe(JSON.stringify(generateDemoAccount()));
    expect(demo.account).toBe("123456789012");
    expect(SandboxAccount.fromState(generateDemoAccount()).lookup.regions()).toEqual(["eu-west-1", "us-east-1"]);
  });

  it("has public and look-alike buckets, unencrypted, SSE-KMS and versioned ones", () => {
    const publicAcl = buckets.filter((b) => b.Acl?.Grants?.some((g) => g.Grantee?.URI === ALL_USERS));
    expect(publicAcl.some((b) => !b.PublicAccessBlock)).toBe(true);
    expect(publicAcl.some((b) => b.PublicAccessBlock?.IgnorePublicAcls === true)).toBe(true);
    const statements = (b: (typeof buckets)[number]) => ((b.Policy?.["Statement"] as Array<Record<string, unknown>> | undefined) ?? []);
    expect(buckets.some((b) => statements(b).some((s) => s["Principal"] === "*" && s["Effect"] === "Allow" && !s["Condition"]))).toBe(true);
    expect(buckets.some((b) => statements(b).some((s) => JSON.stringify(s["Condition"] ?? {}).includes("aws:SourceIp")))).toBe(true);
    expect(buckets.filter((b) => !b.Encryption).length).toBeGreaterThanOrEqual(2);
    expect(buckets.some((b) => JSON.stringify(b.Encryption ?? {}).includes("aws:kms"))).toBe(true);
    expect(buckets.some((b) => b.Versioning?.Status === "Enabled")).toBe(true);
    expect(demo.s3.accountPublicAccessBlock).toBeNull();
  });

  it("has IMDSv1 and IMDSv2 instances, in and out of Auto Scaling groups, one stopped", () => {
    const instances = demo.ec2.instances;
    expect(instances.some((i) => i.MetadataOptions?.HttpTokens === "optional")).toBe(true);
    expect(instances.some((i) => i.MetadataOptions?.HttpTokens === "required")).toBe(true);
    expect(instances.some((i) => !inAsg.has(i.InstanceId))).toBe(true);
    expect(instances.some((i) => inAsg.has(i.InstanceId))).toBe(true);
    expect(instances.filter((i) => i.State?.Name === "stopped")).toHaveLength(1);
    for (const id of inAsg) expect(instances.some((i) => i.InstanceId === id)).toBe(true);
  });

  it("has world-open SSH and RDP, a default group and unencrypted volumes", () => {
    const groups = demo.ec2.securityGroups;
    expect(groups.some((g) => opensPort(g, 22) && g.IpPermissions?.some((p) => p.IpRanges?.some((r) => r.CidrIp === "0.0.0.0/0")))).toBe(true);
    expect(groups.some((g) => opensPort(g, 3389) && g.IpPermissions?.some((p) => p.Ipv6Ranges?.some((r) => r.CidrIpv6 === "::/0")))).toBe(true);
    expect(groups.some((g) => g.GroupName === "default")).toBe(true);
    expect(groups.some((g) => !opensPort(g, 22) && !opensPort(g, 3389) && g.GroupName !== "default")).toBe(true);
    const volumes = demo.ec2.volumes;
    expect(volumes.some((v) => v["Encrypted"] === false && (v.Attachments ?? []).length > 0)).toBe(true);
    expect(volumes.some((v) => v["Encrypted"] === false && (v.Attachments ?? []).length === 0)).toBe(true);
    expect(new Set(Object.values(demo.ec2.ebsEncryptionByDefault))).toEqual(new Set([true, false]));
  });

  it("has EFS with and without encryption and backup policy, and ASGs with and without members", () => {
    const fileSystems = demo.efs.fileSystems;
    expect(fileSystems).toHaveLength(3);
    expect(fileSystems.some((fs) => fs["Encrypted"] === false)).toBe(true);
    expect(fileSystems.some((fs) => !fs.BackupPolicy)).toBe(true);
    expect(demo.autoscaling.groups.filter((g) => (g.Instances ?? []).length > 0)).toHaveLength(2);
    expect(demo.autoscaling.groups.filter((g) => (g.Instances ?? []).length === 0)).toHaveLength(1);
  });

  it("has public and unencrypted snapshots next to a private encrypted one", () => {
    const snapshots = demo.ec2.snapshots;
    const isPublic = (s: (typeof snapshots)[number]) => (s.CreateVolumePermissions ?? []).some((p) => p["Group"] === "all");
    expect(snapshots.some(isPublic)).toBe(true);
    expect(snapshots.some((s) => s["Encrypted"] === false && !isPublic(s))).toBe(true);
    expect(snapshots.some((s) => s["Encrypted"] === true && !isPublic(s))).toBe(true);
  });

  it("has an access point on the file system's root without a POSIX user, and one confined to a directory", () => {
    const points = demo.efs.accessPoints;
    expect(points.some((a) => !a["RootDirectory"] && !a["PosixUser"])).toBe(true);
    expect(points.some((a) => (a["RootDirectory"] as { Path?: string } | undefined)?.Path !== undefined && a["PosixUser"] !== undefined)).toBe(true);
    const policies = demo.efs.fileSystems.map((fs) => JSON.stringify(fs.FileSystemPolicy ?? {}));
    expect(policies.some((p) => p.includes('"Effect":"Allow"') && p.includes('"AWS":"*"') && !p.includes("Condition"))).toBe(true);
  });

  it("has a launch-wizard group open to a wide public range, and default groups with rules", () => {
    const groups = demo.ec2.securityGroups;
    const wizard = groups.find((g) => g.GroupName?.startsWith("launch-wizard"));
    expect(wizard?.IpPermissions?.flatMap((p) => (p.IpRanges ?? []).map((r) => r.CidrIp))).toEqual(["198.51.100.0/22"]);
    expect(groups.filter((g) => g.GroupName === "default").every((g) => (g.IpPermissions ?? []).length + (g.IpPermissionsEgress ?? []).length > 0)).toBe(true);
  });

  it("has a single-zone group on a launch configuration, public instances without a profile, and one with detailed monitoring", () => {
    const single = demo.autoscaling.groups.find((g) => (g["AvailabilityZones"] as string[]).length === 1);
    expect(single?.["LaunchConfigurationName"]).toBeDefined();
    expect(demo.autoscaling.launchConfigurations.map((c) => c.LaunchConfigurationName)).toContain(single?.["LaunchConfigurationName"]);
    expect(demo.ec2.instances.some((i) => i["PublicIpAddress"] && !i["IamInstanceProfile"])).toBe(true);
    expect(demo.ec2.instances.filter((i) => (i["Monitoring"] as { State?: string }).State === "enabled")).toHaveLength(1);
  });

  it("has buckets without logging or lifecycle rules, and one whose policy grants another account", () => {
    expect(buckets.some((b) => !b.Logging && !b.Lifecycle)).toBe(true);
    const grantsOther = (b: (typeof buckets)[number]) => JSON.stringify(b.Policy ?? {}).match(/arn:aws:iam::(\d{12}):/)?.[1];
    const shared = buckets.filter((b) => grantsOther(b) !== undefined && grantsOther(b) !== demo.account);
    expect(shared.map((b) => b.Name)).toEqual(["shared-reports"]);
    // Shared with an account is not public: Block Public Access is on and the principal is named.
    expect(shared[0]?.PublicAccessBlock).toEqual({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true });
  });
});

describe("when generating a scale account", () => {
  it("has about the requested number of resources over 2-4 regions, ~30% drifted, reproducibly", () => {
    const file = generateScaleAccount({ resources: 2000, seed: 9 });
    expect(JSON.stringify(generateScaleAccount({ resources: 2000, seed: 9 }))).toBe(JSON.stringify(file));
    expect(JSON.stringify(generateScaleAccount({ resources: 2000, seed: 10 }))).not.toBe(JSON.stringify(file));
    const state = parsed(file);
    const total = state.s3.buckets.length + state.ec2.instances.length + state.ec2.securityGroups.length + state.ec2.volumes.length +
      state.ec2.snapshots.length + state.efs.fileSystems.length + state.efs.accessPoints.length + state.autoscaling.groups.length;
    expect(total).toBeGreaterThanOrEqual(1800);
    expect(total).toBeLessThanOrEqual(2200);
    const regions = SandboxAccount.fromState(file).lookup.regions();
    expect(regions.length).toBeGreaterThanOrEqual(2);
    expect(regions.length).toBeLessThanOrEqual(4);
    const imdsv1 = state.ec2.instances.filter((i) => i.MetadataOptions?.HttpTokens === "optional").length / state.ec2.instances.length;
    expect(imdsv1).toBeGreaterThan(0.2);
    expect(imdsv1).toBeLessThan(0.4);
  });

  it("includes snapshots and access points, some of them drifted", () => {
    const state = parsed(generateScaleAccount({ resources: 2000, seed: 9 }));
    const snapshots = state.ec2.snapshots;
    expect(snapshots.length).toBeGreaterThan(50);
    expect(snapshots.some((s) => (s.CreateVolumePermissions ?? []).some((p) => p["Group"] === "all"))).toBe(true);
    const unencrypted = snapshots.filter((s) => s["Encrypted"] === false).length / snapshots.length;
    expect(unencrypted).toBeGreaterThan(0.1);
    expect(unencrypted).toBeLessThan(0.5);
    const points = state.efs.accessPoints;
    expect(points.length).toBeGreaterThan(20);
    expect(points.some((a) => !a["PosixUser"])).toBe(true);
    expect(points.some((a) => a["PosixUser"])).toBe(true);
    const fileSystems = new Set(state.efs.fileSystems.map((fs) => fs.FileSystemId));
    expect(points.every((a) => fileSystems.has(a.FileSystemId))).toBe(true);
    expect(snapshots.every((s) => state.ec2.volumes.some((v) => v.VolumeId === s["VolumeId"]))).toBe(true);
  });
});

describe("when writing a sandbox file", () => {
  it("creates the directory and writes a file that loads back", () => {
    const file = join(tempDir(), "a", "b", "account.json");
    writeSandboxFile(file, generateDemoAccount());
    expect(SandboxAccount.load(file).state.s3.buckets.length).toBe(generateDemoAccount().s3?.buckets?.length);
    expect(readFileSync(file, "utf8").endsWith("\n")).toBe(true);
  });

  it("refuses an invalid state instead of writing it", () => {
    const file = join(tempDir(), "account.json");
    try {
      writeSandboxFile(file, { account: "nope" } as SandboxFile);
      throw new Error("expected a refusal");
    } catch (error) {
      expect(isAgpmError(error, "SANDBOX_FILE_INVALID")).toBe(true);
    }
    expect(() => readFileSync(file)).toThrow();
  });
});
