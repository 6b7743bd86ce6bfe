import {
  DescribeAutoScalingGroupsCommand, DescribeAutoScalingInstancesCommand, DescribeLaunchConfigurationsCommand, UpdateAutoScalingGroupCommand,
} from "@aws-sdk/client-auto-scaling";
import {
  DescribeAccessPointsCommand,
  DescribeBackupPolicyCommand,
  DescribeFileSystemPolicyCommand,
  DescribeFileSystemsCommand,
  DescribeLifecycleConfigurationCommand,
  DescribeMountTargetsCommand,
  FileSystemNotFound,
  PolicyNotFound,
  PutBackupPolicyCommand,
  PutLifecycleConfigurationCommand,
} from "@aws-sdk/client-efs";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isAgpmError } from "../../core/errors.js";
import { generateScaleAccount, SandboxAccount } from "../../tools/aws/sandbox/index.js";
import { fixture, rejectionOf } from "./helpers.js";
import type { Fixture } from "./helpers.js";

let f: Fixture;
beforeEach(() => {
  f = fixture();
});
afterEach(() => f.cleanup());

describe("when describing EFS", () => {
  it("lists the region's file systems without the file-only fields, with Date creation times", async () => {
    const out = await f.clients.efs("us-east-1").send(new DescribeFileSystemsCommand({}));
    expect(out.FileSystems?.map((fs) => fs.FileSystemId)).toEqual(["fs-0a1b2c3d4e5f00001", "fs-0a1b2c3d4e5f00002"]);
    expect(out.FileSystems?.[0]?.CreationTime).toBeInstanceOf(Date);
    expect(out.FileSystems?.[0]).not.toHaveProperty("BackupPolicy");
    expect(out.FileSystems?.[1]?.Encrypted).toBe(false);
  });

  it("pages with MaxItems and Marker", async () => {
    const scale = fixture(generateScaleAccount({ resources: 600, seed: 3 }));
    try {
      const efs = scale.clients.efs("us-east-1");
      const ids: string[] = [];
      let Marker: string | undefined;
      do {
        const out = await efs.send(new DescribeFileSystemsCommand({ MaxItems: 4, Marker }));
        ids.push(...(out.FileSystems ?? []).map((fs) => fs.FileSystemId ?? ""));
        Marker = out.NextMarker;
      } while (Marker);
      expect(ids).toEqual(scale.account.lookup.inRegion("fileSystems", "us-east-1").map((fs) => fs["FileSystemId"]));
    } finally {
      scale.cleanup();
    }
  });

  it("raises FileSystemNotFound and PolicyNotFound with their status codes", async () => {
    const notFound = await rejectionOf(f.clients.efs("us-east-1").send(new DescribeFileSystemsCommand({ FileSystemId: "fs-0a1b2c3d4e5f00003" })));
    expect(notFound).toBeInstanceOf(FileSystemNotFound);
    expect((notFound.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(404);
    const noBackup = await rejectionOf(f.clients.efs("eu-west-1").send(new DescribeBackupPolicyCommand({ FileSystemId: "fs-0a1b2c3d4e5f00003" })));
    expect(noBackup).toBeInstanceOf(PolicyNotFound);
    expect(noBackup.name).toBe("PolicyNotFound");
    expect(noBackup["ErrorCode"]).toBe("PolicyNotFound");
    const noPolicy = await rejectionOf(f.clients.efs("us-east-1").send(new DescribeFileSystemPolicyCommand({ FileSystemId: "fs-0a1b2c3d4e5f00001" })));
    expect(noPolicy.name).toBe("PolicyNotFound");
  });

  it("enables a backup policy and persists it", async () => {
    const efs = f.clients.efs("eu-west-1");
    const out = await efs.send(new PutBackupPolicyCommand({ FileSystemId: "fs-0a1b2c3d4e5f00003", BackupPolicy: { Status: "ENABLED" } }));
    expect(out.BackupPolicy?.Status).toBe("ENABLED");
    expect((await efs.send(new DescribeBackupPolicyCommand({ FileSystemId: "fs-0a1b2c3d4e5f00003" }))).BackupPolicy?.Status).toBe("ENABLED");
    const stored = SandboxAccount.load(f.file).state.efs.fileSystems.find((fs) => fs.FileSystemId === "fs-0a1b2c3d4e5f00003");
    expect(stored?.BackupPolicy).toEqual({ Status: "ENABLED" });
  });

  it("returns lifecycle policies, the resource policy as JSON, mount targets and access points", async () => {
    const eu = f.clients.efs("eu-west-1");
    const lifecycle = await eu.send(new DescribeLifecycleConfigurationCommand({ FileSystemId: "fs-0a1b2c3d4e5f00003" }));
    expect(lifecycle.LifecyclePolicies?.[0]).toEqual({ TransitionToIA: "AFTER_14_DAYS" });
    const policy = await eu.send(new DescribeFileSystemPolicyCommand({ FileSystemId: "fs-0a1b2c3d4e5f00003" }));
    expect(JSON.parse(policy.Policy ?? "")).toMatchObject({ Statement: [{ Effect: "Deny" }] });
    const us = f.clients.efs("us-east-1");
    const targets = await us.send(new DescribeMountTargetsCommand({ FileSystemId: "fs-0a1b2c3d4e5f00001" }));
    expect(targets.MountTargets).toHaveLength(2);
    const points = await us.send(new DescribeAccessPointsCommand({ FileSystemId: "fs-0a1b2c3d4e5f00001" }));
    expect(points.AccessPoints?.[0]?.AccessPointId).toBe("fsap-0a1b2c3d4e5f00001");
    expect((await eu.send(new DescribeAccessPointsCommand({}))).AccessPoints).toEqual([]);
  });
});

describe("when describing Auto Scaling", () => {
  it("returns the region's groups with their instances, and skips unknown names as AWS does", async () => {
    const asg = f.clients.autoscaling("eu-west-1");
    const out = await asg.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ["api-asg", "web-asg"] }));
    expect(out.AutoScalingGroups?.map((g) => g.AutoScalingGroupName)).toEqual(["api-asg"]);
    expect(out.AutoScalingGroups?.[0]?.Instances?.map((i) => i.InstanceId)).toEqual(["i-0a1b2c3d4e5f60006", "i-0a1b2c3d4e5f60007"]);
    expect(out.AutoScalingGroups?.[0]?.CreatedTime).toBeInstanceOf(Date);
    const configs = await asg.send(new DescribeLaunchConfigurationsCommand({}));
    expect(configs.LaunchConfigurations?.[0]?.MetadataOptions?.HttpTokens).toBe("optional");
    const members = await asg.send(new DescribeAutoScalingInstancesCommand({ InstanceIds: ["i-0a1b2c3d4e5f60007", "i-0a1b2c3d4e5f60008"] }));
    expect(members.AutoScalingInstances?.map((i) => [i.InstanceId, i.AutoScalingGroupName])).toEqual([["i-0a1b2c3d4e5f60007", "api-asg"]]);
  });

  it("pages groups with MaxRecords and NextToken", async () => {
    const scale = fixture(generateScaleAccount({ resources: 1000, seed: 5 }));
    try {
      const asg = scale.clients.autoscaling("us-east-1");
      const names: string[] = [];
      let NextToken: string | undefined;
      do {
        const out = await asg.send(new DescribeAutoScalingGroupsCommand({ MaxRecords: 7, NextToken }));
        expect(out.AutoScalingGroups!.length).toBeLessThanOrEqual(7);
        names.push(...(out.AutoScalingGroups ?? []).map((g) => g.AutoScalingGroupName ?? ""));
        NextToken = out.NextToken;
      } while (NextToken);
      expect(names).toEqual(scale.account.lookup.inRegion("groups", "us-east-1").map((g) => g["AutoScalingGroupName"]));
    } finally {
      scale.cleanup();
    }
  });

  it("refuses a token it did not issue with InvalidNextToken", async () => {
    const error = await rejectionOf(f.clients.autoscaling("us-east-1").send(new DescribeAutoScalingGroupsCommand({ NextToken: "garbage" })));
    expect(error.name).toBe("InvalidNextToken");
  });
});

describe("when changing EFS lifecycle and Auto Scaling groups", () => {
  it("replaces the whole lifecycle configuration and persists it", async () => {
    const efs = f.clients.efs("eu-west-1");
    const LifecyclePolicies = [{ TransitionToIA: "AFTER_30_DAYS" as const }, { TransitionToPrimaryStorageClass: "AFTER_1_ACCESS" as const }];
    const out = await efs.send(new PutLifecycleConfigurationCommand({ FileSystemId: "fs-0a1b2c3d4e5f00003", LifecyclePolicies }));
    expect(out.LifecyclePolicies).toEqual(LifecyclePolicies);
    expect(SandboxAccount.load(f.file).state.efs.fileSystems.find((fs) => fs.FileSystemId === "fs-0a1b2c3d4e5f00003")?.LifecyclePolicies).toEqual(LifecyclePolicies);
  });

  it("updates a group's settings and persists them", async () => {
    const asg = f.clients.autoscaling("us-east-1");
    await asg.send(new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: "batch-asg", CapacityRebalance: true, HealthCheckType: "ELB", MaxSize: 6 }));
    const group = (await asg.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ["batch-asg"] }))).AutoScalingGroups?.[0];
    expect(group).toMatchObject({ CapacityRebalance: true, HealthCheckType: "ELB", MaxSize: 6, MinSize: 0, DesiredCapacity: 0, LaunchConfigurationName: "batch-lc-v1" });
    expect(SandboxAccount.load(f.file).state.autoscaling.groups.find((g) => g.AutoScalingGroupName === "batch-asg")).toMatchObject({ CapacityRebalance: true, MaxSize: 6 });
  });

  it("launches from exactly one source after switching to a launch template", async () => {
    const asg = f.clients.autoscaling("us-east-1");
    await asg.send(new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: "batch-asg", LaunchTemplate: { LaunchTemplateName: "batch", Version: "$Latest" } }));
    const group = (await asg.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ["batch-asg"] }))).AutoScalingGroups?.[0];
    expect(group?.LaunchTemplate).toEqual({ LaunchTemplateName: "batch", Version: "$Latest" });
    expect(group?.LaunchConfigurationName).toBeUndefined();
  });

  it("refuses unknown groups and impossible sizes with ValidationError, changing nothing", async () => {
    const asg = f.clients.autoscaling("us-east-1");
    const before = JSON.stringify(f.onDisk());
    for (const input of [
      { AutoScalingGroupName: "api-asg", CapacityRebalance: true },
      { AutoScalingGroupName: "batch-asg", MinSize: 5 },
      { AutoScalingGroupName: "batch-asg", DesiredCapacity: 9 },
      { AutoScalingGroupName: "batch-asg", HealthCheckType: "TCP" },
      { AutoScalingGroupName: "batch-asg", LaunchConfigurationName: "x", LaunchTemplate: { LaunchTemplateName: "y" } },
    ]) {
      expect((await rejectionOf(asg.send(new UpdateAutoScalingGroupCommand(input)))).name, JSON.stringify(input)).toBe("ValidationError");
    }
    const unsupported = await rejectionOf(asg.send(new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: "batch-asg", PlacementGroup: "pg" })));
    expect(isAgpmError(unsupported, "SANDBOX_UNSUPPORTED_COMMAND")).toBe(true);
    expect(JSON.stringify(f.onDisk())).toBe(before);
  });
});

describe("when asking STS who we are", () => {
  it("answers with the file's account", async () => {
    const out = await f.clients.sts("us-east-1").send(new GetCallerIdentityCommand({}));
    expect(out.Account).toBe("123456789012");
    expect(out.Arn).toMatch(/^arn:aws:iam::123456789012:/);
  });
});
