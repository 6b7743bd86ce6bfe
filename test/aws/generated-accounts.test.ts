import { afterEach, describe, expect, it } from "vitest";
import { KIND_NAMES, findKind, modelSchema } from "../../engine/registry.js";
import { collectAll } from "../../tools/aws/inventory.js";
import { generateDemoAccount, generateScaleAccount } from "../../tools/aws/sandbox/index.js";
import type { SandboxFile } from "../../tools/aws/sandbox/index.js";
import { openSandbox } from "./sandbox-helpers.js";
import type { OpenedSandbox } from "./sandbox-helpers.js";

let sandbox: OpenedSandbox | undefined;
afterEach(() => sandbox?.dispose());

/** How many resources of each listed kind the file holds, as AWS would list them. */
function expectedCounts(file: SandboxFile): Record<string, number> {
  const live = (file.ec2?.instances ?? []).filter((i) => i.State?.Name !== "terminated");
  return {
    "aws.s3.bucket": file.s3?.buckets?.length ?? 0,
    "aws.ec2.instance": live.length,
    "aws.ec2.security-group": file.ec2?.securityGroups?.length ?? 0,
    "aws.ebs.volume": file.ec2?.volumes?.length ?? 0,
    "aws.ebs.snapshot": (file.ec2?.snapshots ?? []).filter((s) => s["OwnerId"] === undefined || s["OwnerId"] === file.account).length,
    "aws.efs.file-system": file.efs?.fileSystems?.length ?? 0,
    "aws.efs.access-point": file.efs?.accessPoints?.length ?? 0,
    "aws.autoscaling.group": file.autoscaling?.groups?.length ?? 0,
    "aws.s3.account-public-access-block": 1,
  };
}

async function collectEverything(file: SandboxFile) {
  sandbox = await openSandbox(file, { concurrency: 32 });
  return collectAll(sandbox.ctx, KIND_NAMES);
}

describe.each([
  ["the demo account", () => generateDemoAccount()],
  ["a generated scale account", () => generateScaleAccount({ resources: 1500, seed: 7 })],
])("when %s is collected", (_, generate) => {
  it("reads every resource of every kind, each exactly in its kind's model, without errors", async () => {
    const file = generate();
    const { resources, failures } = await collectEverything(file);
    expect(failures).toEqual([]);
    for (const r of resources) {
      expect(() => modelSchema(findKind(r.kind)!).strict().parse(r), `${r.kind} ${r.id}`).not.toThrow();
    }
    const counts: Record<string, number> = {};
    for (const r of resources) counts[r.kind] = (counts[r.kind] ?? 0) + 1;
    for (const [kind, count] of Object.entries(expectedCounts(file))) expect(counts[kind] ?? 0, kind).toBe(count);
    expect(counts["aws.ebs.encryption-by-default"]).toBe(sandbox!.ctx.regions.length);
    const keys = resources.map((r) => `${r.kind}/${r.region}/${r.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const kind of ["aws.ebs.snapshot", "aws.efs.access-point"]) expect(counts[kind] ?? 0, kind).toBeGreaterThan(0);
  });
});

describe("when the demo account is read through the collectors", () => {
  it("shows both drifted and compliant resources for the newer checks", async () => {
    const { resources } = await collectEverything(generateDemoAccount());
    const of = (kind: string) => resources.filter((r) => r.kind === kind);
    const both = (kind: string, drifted: (r: Record<string, unknown>) => boolean) => {
      const split = of(kind).map(drifted);
      expect(split, kind).toContain(true);
      expect(split, kind).toContain(false);
    };
    both("aws.ebs.snapshot", (r) => r["public"] === true);
    both("aws.ebs.snapshot", (r) => r["encrypted"] === false);
    both("aws.efs.access-point", (r) => r["rootDirectory"] === "/" && r["posixUser"] === null);
    both("aws.efs.file-system", (r) => (r["fileSystemPolicy"] as { allowsAnyClient: boolean }).allowsAnyClient);
    both("aws.ec2.security-group", (r) => r["launchWizard"] === true);
    both("aws.ec2.security-group", (r) => (r["ingress"] as Array<{ publicCidr: boolean; prefixLength: number | null }>).some((i) => i.publicCidr && i.prefixLength !== null && i.prefixLength > 0 && i.prefixLength < 24));
    both("aws.autoscaling.group", (r) => (r["availabilityZones"] as string[]).length < 2);
    both("aws.autoscaling.group", (r) => r["launchTemplate"] === null);
    both("aws.s3.bucket", (r) => (r["policy"] as { crossAccount: boolean }).crossAccount);
    both("aws.s3.bucket", (r) => !(r["logging"] as { enabled: boolean }).enabled);
    both("aws.ec2.instance", (r) => r["publicIp"] !== null && r["iamInstanceProfile"] === null);
    both("aws.ec2.instance", (r) => r["monitoring"] !== "enabled");
    both("aws.ec2.instance", (r) => (r["volumes"] as Array<{ encrypted: boolean }>).some((v) => !v.encrypted));
    both("aws.ec2.instance", (r) => r["stoppedDays"] !== null);
  });
});
