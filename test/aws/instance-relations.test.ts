import { afterEach, describe, expect, it } from "vitest";
import { collectAll, collectOne } from "../../tools/aws/inventory.js";
import { createAwsContext, nowOf } from "../../tools/aws/context.js";
import type { SandboxFile } from "../../tools/aws/sandbox/index.js";
import { factsAccount } from "./fixtures.js";
import { ACCOUNT, openSandbox } from "./sandbox-helpers.js";
import type { OpenedSandbox } from "./sandbox-helpers.js";

let sandbox: OpenedSandbox | undefined;
afterEach(() => sandbox?.dispose());

/** Counts the EC2 commands the sandbox's client for `region` sends, by name. */
function countEc2Commands(s: OpenedSandbox, region: string): Map<string, number> {
  const counts = new Map<string, number>();
  s.ctx.clients.ec2(region).middlewareStack.add(
    (next, context) => (args) => {
      const name = String(context.commandName).replace(/Command$/, "");
      counts.set(name, (counts.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: "initialize", priority: "high", name: "testCommandCounter" },
  );
  return counts;
}

/** 60 instances over 3 groups, each with its own volume. */
function fleet(): SandboxFile {
  const groups = [0, 1, 2].map((g) => ({
    GroupId: `sg-${g}`, GroupName: `tier-${g}`,
    IpPermissions: [{ IpProtocol: "tcp", FromPort: 443 + g, ToPort: 443 + g, IpRanges: [{ CidrIp: "10.0.0.0/8" }] }],
  }));
  const instances = Array.from({ length: 60 }, (_, n) => ({
    InstanceId: `i-${String(n).padStart(4, "0")}`, Placement: { AvailabilityZone: "us-east-1a" }, State: { Name: "running", Code: 16 },
    SecurityGroups: [{ GroupId: `sg-${n % 3}` }], BlockDeviceMappings: [{ DeviceName: "/dev/xvda", Ebs: { VolumeId: `vol-${n}` } }],
  }));
  const volumes = instances.map((_, n) => ({ VolumeId: `vol-${n}`, AvailabilityZone: "us-east-1a", Encrypted: n % 2 === 0, State: "in-use" }));
  return { account: ACCOUNT, region: "us-east-1", ec2: { instances, securityGroups: groups, volumes } };
}

describe("when instances are collected with their groups and volumes", () => {
  it("lists the region's security groups and volumes once, not once per instance", async () => {
    sandbox = await openSandbox(fleet());
    const counts = countEc2Commands(sandbox, "us-east-1");
    const { resources, failures } = await collectAll(sandbox.ctx, ["aws.ec2.instance"]);
    expect(failures).toEqual([]);
    expect(resources).toHaveLength(60);
    expect(counts.get("DescribeSecurityGroups")).toBe(1);
    expect(counts.get("DescribeVolumes")).toBe(1);
    expect(resources.find((r) => r.id === "i-0004")).toMatchObject({
      ingress: [{ fromPort: 444, source: "10.0.0.0/8", groupId: "sg-1" }], volumes: [{ volumeId: "vol-4", encrypted: true }],
    });
    expect(resources.find((r) => r.id === "i-0005")?.["volumes"]).toEqual([{ volumeId: "vol-5", encrypted: false }]);
  });

  it("re-reads one instance with only its own groups and volumes", async () => {
    sandbox = await openSandbox(fleet());
    const counts = countEc2Commands(sandbox, "us-east-1");
    const one = await collectOne(sandbox.ctx, "aws.ec2.instance", "i-0007", "us-east-1");
    expect(one).toMatchObject({ ingress: [{ groupId: "sg-1" }], volumes: [{ volumeId: "vol-7", encrypted: false }] });
    expect([counts.get("DescribeSecurityGroups"), counts.get("DescribeVolumes")]).toEqual([1, 1]);
  });

  it("records a listing that fails on every instance instead of guessing, and still collects them", async () => {
    sandbox = await openSandbox(factsAccount(), { faults: { throttle: { rate: 1, commands: ["DescribeVolumes"] } }, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 } });
    const { resources, failures } = await collectAll(sandbox.ctx, ["aws.ec2.instance"]);
    expect(failures).toEqual([]);
    expect(resources.map((r) => r.id).sort()).toEqual(["i-0aaa", "i-0bbb", "i-0ddd"]);
    for (const r of resources) {
      expect(r["volumes"]).toEqual([]);
      expect(r["collectErrors"]).toEqual([expect.stringMatching(/^volumes: DescribeVolumes .*RequestLimitExceeded/)]);
    }
  });
});

describe("when ages are measured", () => {
  it("uses the context's clock, so the same account reads older later", async () => {
    sandbox = await openSandbox(factsAccount());
    sandbox.ctx.now = () => new Date("2024-03-11T00:00:00Z");
    expect(await collectOne(sandbox.ctx, "aws.ec2.instance", "i-0aaa", "us-east-1")).toMatchObject({ ageDays: 10 });
    sandbox.ctx.now = () => new Date("2025-03-01T00:00:00Z");
    expect(await collectOne(sandbox.ctx, "aws.ec2.instance", "i-0aaa", "us-east-1")).toMatchObject({ ageDays: 365 });
  });

  it("defaults to the system clock", () => {
    const ctx = createAwsContext({ clients: {} as never, regions: ["us-east-1"], account: ACCOUNT });
    const before = Date.now();
    const now = nowOf(ctx).getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
    const fixed = new Date("2020-01-01T00:00:00Z");
    expect(nowOf(createAwsContext({ clients: {} as never, regions: [], account: ACCOUNT, now: () => fixed }))).toBe(fixed);
  });
});
