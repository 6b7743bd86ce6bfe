import {
  AuthorizeSecurityGroupIngressCommand,
  DescribeInstancesCommand,
  DescribeRegionsCommand,
  DescribeSecurityGroupsCommand,
  DescribeSnapshotAttributeCommand,
  DescribeSnapshotsCommand,
  DescribeVolumesCommand,
  EC2ServiceException,
  EnableEbsEncryptionByDefaultCommand,
  GetEbsEncryptionByDefaultCommand,
  ModifyInstanceMetadataOptionsCommand,
  ModifySnapshotAttributeCommand,
  MonitorInstancesCommand,
  RevokeSecurityGroupIngressCommand,
  UnmonitorInstancesCommand,
} from "@aws-sdk/client-ec2";
import type { Instance } from "@aws-sdk/client-ec2";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isAgpmError } from "../../core/errors.js";
import { generateScaleAccount, SandboxAccount } from "../../tools/aws/sandbox/index.js";
import { fixture, minimal, rejectionOf } from "./helpers.js";
import type { Fixture } from "./helpers.js";

let f: Fixture;
beforeEach(() => {
  f = fixture();
});
afterEach(() => f.cleanup());

async function allInstances(fx: Fixture, region: string, MaxResults?: number): Promise<{ instances: Instance[]; pages: number }> {
  const instances: Instance[] = [];
  let NextToken: string | undefined;
  let pages = 0;
  do {
    const out = await fx.clients.ec2(region).send(new DescribeInstancesCommand({ MaxResults, NextToken }));
    for (const r of out.Reservations ?? []) instances.push(...(r.Instances ?? []));
    NextToken = out.NextToken;
    pages++;
  } while (NextToken);
  return { instances, pages };
}

describe("when describing EC2 resources", () => {
  it("lists the file's regions plus the default one", async () => {
    const out = await f.clients.ec2("us-east-1").send(new DescribeRegionsCommand({}));
    expect(out.Regions?.map((r) => r.RegionName)).toEqual(["eu-west-1", "us-east-1"]);
    expect(out.Regions?.[0]).toEqual({ RegionName: "eu-west-1", Endpoint: "ec2.eu-west-1.amazonaws.com", OptInStatus: "opt-in-not-required" });
  });

  it("shows a client only its region's instances (region implied by the availability zone)", async () => {
    const { instances } = await allInstances(f, "eu-west-1");
    const expected = f.account.state.ec2.instances.filter((i) => i.Placement?.AvailabilityZone?.startsWith("eu-west-1")).map((i) => i.InstanceId);
    expect(instances.map((i) => i.InstanceId)).toEqual(expected);
    expect(instances[0]?.LaunchTime).toBeInstanceOf(Date);
    expect(instances[0]?.BlockDeviceMappings?.[0]?.Ebs?.AttachTime).toBeInstanceOf(Date);
  });

  it("pages DescribeInstances with MaxResults and NextToken", async () => {
    const scale = fixture(generateScaleAccount({ resources: 400, seed: 7 }));
    try {
      const { instances, pages } = await allInstances(scale, "us-east-1", 5);
      const expected = scale.account.lookup.inRegion("instances", "us-east-1").length;
      expect(instances).toHaveLength(expected);
      expect(new Set(instances.map((i) => i.InstanceId)).size).toBe(expected);
      expect(pages).toBe(Math.ceil(expected / 5));
    } finally {
      scale.cleanup();
    }
  });

  it("honours InstanceIds and raises InvalidInstanceID.NotFound for an unknown or other-region id", async () => {
    const ec2 = f.clients.ec2("us-east-1");
    const out = await ec2.send(new DescribeInstancesCommand({ InstanceIds: ["i-0a1b2c3d4e5f60003"] }));
    expect(out.Reservations?.flatMap((r) => r.Instances ?? []).map((i) => i.InstanceId)).toEqual(["i-0a1b2c3d4e5f60003"]);
    for (const id of ["i-0000000000000dead", "i-0a1b2c3d4e5f60006"]) {
      const error = await rejectionOf(ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] })));
      expect(error.name).toBe("InvalidInstanceID.NotFound");
      expect(error).toBeInstanceOf(EC2ServiceException);
      expect((error.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(400);
    }
  });

  it("applies Filters, including tags and wildcards", async () => {
    const ec2 = f.clients.ec2("us-east-1");
    const out = await ec2.send(new DescribeInstancesCommand({
      Filters: [{ Name: "metadata-options.http-tokens", Values: ["optional"] }, { Name: "tag:Name", Values: ["web-*", "bastion"] }],
    }));
    const names = out.Reservations?.flatMap((r) => r.Instances ?? []).map((i) => i.Tags?.find((t) => t.Key === "Name")?.Value);
    expect(names).toEqual(["web-1", "bastion"]);
  });

  it("describes security groups, volumes and self-owned snapshots of the region", async () => {
    const ec2 = f.clients.ec2("eu-west-1");
    const groups = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: ["sg-0a1b2c3d4e5f00006"] }));
    expect(groups.SecurityGroups?.[0]?.GroupName).toBe("windows-admin");
    const missing = await rejectionOf(ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: ["sg-0a1b2c3d4e5f00003"] })));
    expect(missing.name).toBe("InvalidGroup.NotFound");
    const volumes = await ec2.send(new DescribeVolumesCommand({}));
    expect(volumes.Volumes?.every((v) => v.AvailabilityZone?.startsWith("eu-west-1"))).toBe(true);
    expect(volumes.Volumes?.[0]?.CreateTime).toBeInstanceOf(Date);
    const noVolume = await rejectionOf(ec2.send(new DescribeVolumesCommand({ VolumeIds: ["vol-0000000000000dead"] })));
    expect(noVolume.name).toBe("InvalidVolume.NotFound");
    const snapshots = await f.clients.ec2("us-east-1").send(new DescribeSnapshotsCommand({ OwnerIds: ["self"] }));
    expect(snapshots.Snapshots?.map((s) => s.SnapshotId)).toEqual(["snap-0a1b2c3d4e5f00001", "snap-0a1b2c3d4e5f00003"]);
    expect(snapshots.Snapshots?.[0]).not.toHaveProperty("CreateVolumePermissions");
    expect(snapshots.Snapshots?.[0]?.StartTime).toBeInstanceOf(Date);
  });
});

describe("when remediating EC2 resources", () => {
  it("requires IMDSv2 on an instance and persists it", async () => {
    const out = await f.clients.ec2("us-east-1").send(new ModifyInstanceMetadataOptionsCommand({ InstanceId: "i-0a1b2c3d4e5f60001", HttpTokens: "required" }));
    expect(out.InstanceMetadataOptions).toMatchObject({ HttpTokens: "required", State: "pending" });
    const onDisk = SandboxAccount.load(f.file).state.ec2.instances.find((i) => i.InstanceId === "i-0a1b2c3d4e5f60001");
    expect(onDisk?.MetadataOptions).toMatchObject({ HttpTokens: "required", State: "applied", HttpEndpoint: "enabled" });
  });

  it("enables EBS encryption by default per region", async () => {
    const ec2 = f.clients.ec2("us-east-1");
    expect((await ec2.send(new GetEbsEncryptionByDefaultCommand({}))).EbsEncryptionByDefault).toBe(false);
    expect((await f.clients.ec2("eu-west-1").send(new GetEbsEncryptionByDefaultCommand({}))).EbsEncryptionByDefault).toBe(true);
    await ec2.send(new EnableEbsEncryptionByDefaultCommand({}));
    expect((await ec2.send(new GetEbsEncryptionByDefaultCommand({}))).EbsEncryptionByDefault).toBe(true);
    expect(f.onDisk().ec2?.ebsEncryptionByDefault).toEqual({ "us-east-1": true, "eu-west-1": true });
  });

  it("revokes exactly the named CIDR and keeps the permission's other sources", async () => {
    const ec2 = f.clients.ec2("us-east-1");
    const out = await ec2.send(new RevokeSecurityGroupIngressCommand({
      GroupId: "sg-0a1b2c3d4e5f00003",
      IpPermissions: [{ IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "0.0.0.0/0" }] }],
    }));
    expect(out.Return).toBe(true);
    expect(out.UnknownIpPermissions).toBeUndefined();
    const group = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: ["sg-0a1b2c3d4e5f00003"] }))).SecurityGroups?.[0];
    expect(group?.IpPermissions).toHaveLength(1);
    expect(group?.IpPermissions?.[0]?.IpRanges?.map((r) => r.CidrIp)).toEqual(["198.51.100.7/32"]);
  });

  it("drops a permission left with no sources", async () => {
    const ec2 = f.clients.ec2("eu-west-1");
    await ec2.send(new RevokeSecurityGroupIngressCommand({
      GroupId: "sg-0a1b2c3d4e5f00006",
      IpPermissions: [{ IpProtocol: "tcp", FromPort: 3389, ToPort: 3389, Ipv6Ranges: [{ CidrIpv6: "::/0" }], IpRanges: [{ CidrIp: "10.20.0.0/16" }] }],
    }));
    const stored = SandboxAccount.load(f.file).state.ec2.securityGroups.find((g) => g.GroupId === "sg-0a1b2c3d4e5f00006");
    expect(stored?.IpPermissions).toEqual([]);
  });

  it("raises InvalidPermission.NotFound when nothing matches, and changes nothing", async () => {
    const before = JSON.stringify(f.onDisk());
    const error = await rejectionOf(f.clients.ec2("us-east-1").send(new RevokeSecurityGroupIngressCommand({
      GroupId: "sg-0a1b2c3d4e5f00003",
      IpPermissions: [{ IpProtocol: "tcp", FromPort: 23, ToPort: 23, IpRanges: [{ CidrIp: "0.0.0.0/0" }] }],
    })));
    expect(error.name).toBe("InvalidPermission.NotFound");
    expect(JSON.stringify(f.onDisk())).toBe(before);
  });

  it("authorizes a rule once and refuses the duplicate", async () => {
    const ec2 = f.clients.ec2("us-east-1");
    const permission = { IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "0.0.0.0/0" }] };
    const out = await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: "sg-0a1b2c3d4e5f00004", IpPermissions: [permission] }));
    expect(out.Return).toBe(true);
    expect(out.SecurityGroupRules?.[0]).toMatchObject({ GroupId: "sg-0a1b2c3d4e5f00004", IsEgress: false, CidrIpv4: "0.0.0.0/0", FromPort: 22 });
    const again = await rejectionOf(ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: "sg-0a1b2c3d4e5f00004", IpPermissions: [permission] })));
    expect(again.name).toBe("InvalidPermission.Duplicate");
  });
});

describe("when sharing snapshots", () => {
  const PUBLIC = "snap-0a1b2c3d4e5f00001";
  const permissions = async (id: string) =>
    (await f.clients.ec2("us-east-1").send(new DescribeSnapshotAttributeCommand({ SnapshotId: id, Attribute: "createVolumePermission" }))).CreateVolumePermissions;

  it("makes a public snapshot private and persists it", async () => {
    expect(await permissions(PUBLIC)).toEqual([{ Group: "all" }]);
    await f.clients.ec2("us-east-1").send(new ModifySnapshotAttributeCommand({ SnapshotId: PUBLIC, Attribute: "createVolumePermission", OperationType: "remove", GroupNames: ["all"] }));
    expect(await permissions(PUBLIC)).toEqual([]);
    expect(SandboxAccount.load(f.file).state.ec2.snapshots.find((s) => s.SnapshotId === PUBLIC)?.CreateVolumePermissions).toEqual([]);
  });

  it("adds and removes account permissions in the list form, without duplicates", async () => {
    const ec2 = f.clients.ec2("us-east-1");
    const id = "snap-0a1b2c3d4e5f00003";
    await ec2.send(new ModifySnapshotAttributeCommand({ SnapshotId: id, CreateVolumePermission: { Add: [{ UserId: "210987654321" }, { UserId: "210987654321" }] } }));
    expect(await permissions(id)).toEqual([{ UserId: "210987654321" }]);
    await ec2.send(new ModifySnapshotAttributeCommand({ SnapshotId: id, Attribute: "createVolumePermission", OperationType: "remove", UserIds: ["210987654321", "111122223333"] }));
    expect(await permissions(id)).toEqual([]);
  });

  it("refuses unknown snapshots, groups and malformed accounts with EC2's errors, changing nothing", async () => {
    const ec2 = f.clients.ec2("us-east-1");
    const before = JSON.stringify(f.onDisk());
    const cases: Array<[object, string]> = [
      [{ SnapshotId: "snap-0a1b2c3d4e5f00002", Attribute: "createVolumePermission", OperationType: "remove", GroupNames: ["all"] }, "InvalidSnapshot.NotFound"],
      [{ SnapshotId: PUBLIC, Attribute: "createVolumePermission", OperationType: "add", GroupNames: ["everyone"] }, "InvalidParameterValue"],
      [{ SnapshotId: PUBLIC, CreateVolumePermission: { Add: [{ UserId: "not-an-account" }] } }, "InvalidUserID.Malformed"],
      [{ SnapshotId: PUBLIC, Attribute: "createVolumePermission" }, "MissingParameter"],
      [{ SnapshotId: PUBLIC, Attribute: "createVolumePermission", GroupNames: ["all"] }, "MissingParameter"],
    ];
    for (const [input, name] of cases) {
      expect((await rejectionOf(ec2.send(new ModifySnapshotAttributeCommand(input as never)))).name, JSON.stringify(input)).toBe(name);
    }
    expect(JSON.stringify(f.onDisk())).toBe(before);
  });

  it("lists only the account's own snapshots for OwnerIds self", async () => {
    const other = fixture(minimal({ ec2: { snapshots: [{ SnapshotId: "snap-mine" }, { SnapshotId: "snap-theirs", OwnerId: "999999999999" }] } }));
    try {
      const ec2 = other.clients.ec2("us-east-1");
      expect((await ec2.send(new DescribeSnapshotsCommand({ OwnerIds: ["self"] }))).Snapshots?.map((s) => s.SnapshotId)).toEqual(["snap-mine"]);
      expect((await ec2.send(new DescribeSnapshotsCommand({ OwnerIds: ["999999999999"] }))).Snapshots?.map((s) => s.SnapshotId)).toEqual(["snap-theirs"]);
    } finally {
      other.cleanup();
    }
  });
});

describe("when turning detailed monitoring on and off", () => {
  const WEB_1 = "i-0a1b2c3d4e5f60001";
  const monitoring = async () =>
    (await f.clients.ec2("us-east-1").send(new DescribeInstancesCommand({ InstanceIds: [WEB_1] }))).Reservations?.[0]?.Instances?.[0]?.Monitoring?.State;

  it("answers the transitional state, then describes and persists the settled one", async () => {
    const ec2 = f.clients.ec2("us-east-1");
    const on = await ec2.send(new MonitorInstancesCommand({ InstanceIds: [WEB_1] }));
    expect(on.InstanceMonitorings).toEqual([{ InstanceId: WEB_1, Monitoring: { State: "pending" } }]);
    expect(await monitoring()).toBe("enabled");
    expect(SandboxAccount.load(f.file).state.ec2.instances.find((i) => i.InstanceId === WEB_1)?.["Monitoring"]).toEqual({ State: "enabled" });
    const off = await ec2.send(new UnmonitorInstancesCommand({ InstanceIds: [WEB_1] }));
    expect(off.InstanceMonitorings?.[0]?.Monitoring?.State).toBe("disabling");
    expect(await monitoring()).toBe("disabled");
  });

  it("refuses an instance of another region, all or nothing", async () => {
    const before = JSON.stringify(f.onDisk());
    const error = await rejectionOf(f.clients.ec2("us-east-1").send(new MonitorInstancesCommand({ InstanceIds: [WEB_1, "i-0a1b2c3d4e5f60006"] })));
    expect(error.name).toBe("InvalidInstanceID.NotFound");
    expect(JSON.stringify(f.onDisk())).toBe(before);
  });

  it("refuses what it does not simulate instead of ignoring it", async () => {
    const error = await rejectionOf(f.clients.ec2("us-east-1").send(new ModifySnapshotAttributeCommand({ SnapshotId: "snap-0a1b2c3d4e5f00001", Attribute: "productCodes" })));
    expect(isAgpmError(error, "SANDBOX_UNSUPPORTED_COMMAND")).toBe(true);
  });
});
