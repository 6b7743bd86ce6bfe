import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectAll } from "../../tools/aws/inventory.js";
import type { SandboxFile } from "../../tools/aws/sandbox/index.js";
import { ACCOUNT, openSandbox } from "./sandbox-helpers.js";
import type { OpenedSandbox } from "./sandbox-helpers.js";

// One more than the largest page each list call asks for, so every listing needs two pages.
const N = { buckets: 1001, instances: 1001, securityGroups: 1001, volumes: 501, snapshots: 1001, fileSystems: 101, accessPoints: 101, groups: 101 };
const pad = (i: number) => String(i).padStart(5, "0");
const range = <T>(n: number, f: (i: string) => T): T[] => Array.from({ length: n }, (_, i) => f(pad(i)));

function bigAccount(): SandboxFile {
  return {
    account: ACCOUNT,
    region: "us-east-1",
    s3: { buckets: range(N.buckets, (i) => ({ Name: `bucket-${i}` })) },
    ec2: {
      instances: range(N.instances, (i) => ({ InstanceId: `i-${i}`, Placement: { AvailabilityZone: "us-east-1a" }, State: { Name: "running", Code: 16 } })),
      securityGroups: range(N.securityGroups, (i) => ({ GroupId: `sg-${i}`, GroupName: `g-${i}` })),
      volumes: range(N.volumes, (i) => ({ VolumeId: `vol-${i}`, AvailabilityZone: "us-east-1a", Encrypted: false, State: "available" })),
      snapshots: range(N.snapshots, (i) => ({ SnapshotId: `snap-${i}`, State: "completed", Encrypted: true })),
    },
    efs: {
      fileSystems: range(N.fileSystems, (i) => ({ FileSystemId: `fs-${i}`, Encrypted: true, LifeCycleState: "available", NumberOfMountTargets: 0 })),
      accessPoints: range(N.accessPoints, (i) => ({ AccessPointId: `fsap-${i}`, FileSystemId: "fs-00000" })),
    },
    autoscaling: {
      groups: range(N.groups, (i) => ({ AutoScalingGroupName: `asg-${i}`, MinSize: 0, MaxSize: 1, DesiredCapacity: 0, AvailabilityZones: ["us-east-1a"], Instances: [] })),
    },
  };
}

let sandbox: OpenedSandbox;
beforeAll(async () => { sandbox = await openSandbox(bigAccount(), { concurrency: 32 }); });
afterAll(() => sandbox.dispose());

describe("when a listing is longer than one page", () => {
  it.each([
    ["aws.s3.bucket", N.buckets],
    ["aws.ec2.instance", N.instances],
    ["aws.ec2.security-group", N.securityGroups],
    ["aws.ebs.volume", N.volumes],
    ["aws.ebs.snapshot", N.snapshots],
    ["aws.efs.file-system", N.fileSystems],
    ["aws.efs.access-point", N.accessPoints],
    ["aws.autoscaling.group", N.groups],
  ])("follows every page of %s", async (kind, count) => {
    const { resources, failures } = await collectAll(sandbox.ctx, [kind]);
    expect(failures).toEqual([]);
    expect(resources).toHaveLength(count);
    expect(new Set(resources.map((r) => r.id)).size).toBe(count);
  });

  it("counts access points across pages", async () => {
    const { resources } = await collectAll(sandbox.ctx, ["aws.efs.file-system"]);
    expect(resources.find((r) => r.id === "fs-00000")?.["accessPoints"]).toBe(N.accessPoints);
  });
});
