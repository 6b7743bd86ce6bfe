import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isAgpmError } from "../../core/errors.js";
import { generateDemoAccount, generateScaleAccount, SandboxAccount, SandboxFileSchema, writeSandboxFile } from "../../tools/sandbox/index.js";
import type { SandboxFile, SandboxState } from "../../tools/sandbox/index.js";
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

  it("has EFS with and without encryption and backup policy, and two ASGs", () => {
    const fileSystems = demo.efs.fileSystems;
    expect(fileSystems).toHaveLength(3);
    expect(fileSystems.some((fs) => fs["Encrypted"] === false)).toBe(true);
    expect(fileSystems.some((fs) => !fs.BackupPolicy)).toBe(true);
    expect(demo.autoscaling.groups).toHaveLength(2);
  });
});

describe("when generating a scale account", () => {
  it("has about the requested number of resources over 2-4 regions, ~30% drifted, reproducibly", () => {
    const file = generateScaleAccount({ resources: 2000, seed: 9 });
    expect(JSON.stringify(generateScaleAccount({ resources: 2000, seed: 9 }))).toBe(JSON.stringify(file));
    expect(JSON.stringify(generateScaleAccount({ resources: 2000, seed: 10 }))).not.toBe(JSON.stringify(file));
    const state = parsed(file);
    const total = state.s3.buckets.length + state.ec2.instances.length + state.ec2.securityGroups.length + state.ec2.volumes.length + state.efs.fileSystems.length + state.autoscaling.groups.length;
    expect(total).toBeGreaterThanOrEqual(1800);
    expect(total).toBeLessThanOrEqual(2200);
    const regions = SandboxAccount.fromState(file).lookup.regions();
    expect(regions.length).toBeGreaterThanOrEqual(2);
    expect(regions.length).toBeLessThanOrEqual(4);
    const imdsv1 = state.ec2.instances.filter((i) => i.MetadataOptions?.HttpTokens === "optional").length / state.ec2.instances.length;
    expect(imdsv1).toBeGreaterThan(0.2);
    expect(imdsv1).toBeLessThan(0.4);
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
