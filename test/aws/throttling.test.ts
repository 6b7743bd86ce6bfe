import { GetBucketPolicyCommand, ListBucketsCommand } from "@aws-sdk/client-s3";
import { afterEach, describe, expect, it } from "vitest";
import { isAgpmError } from "../../core/errors.js";
import { KIND_NAMES, findKind, modelSchema } from "../../engine/registry.js";
import { collectAll, collectOne } from "../../tools/aws/inventory.js";
import { send } from "../../tools/aws/send.js";
import type { SdkClient } from "../../tools/aws/send.js";
import { factsAccount } from "./fixtures.js";
import { openSandbox } from "./sandbox-helpers.js";
import type { OpenedSandbox } from "./sandbox-helpers.js";

const opened: OpenedSandbox[] = [];
afterEach(() => { while (opened.length) opened.pop()!.dispose(); });
async function open(...args: Parameters<typeof openSandbox>): Promise<OpenedSandbox> {
  const s = await openSandbox(...args);
  opened.push(s);
  return s;
}

describe("when the first calls of some commands are throttled", () => {
  it("retries them, reports each throttle, and collects the same account", async () => {
    const calm = await open(factsAccount());
    const stormy = await open(factsAccount(), { faults: { throttle: { firstCalls: 2, commands: ["DescribeInstances", "GetBucketAcl"] } } });
    const expected = await collectAll(calm.ctx, KIND_NAMES);
    const actual = await collectAll(stormy.ctx, KIND_NAMES);
    expect(actual.failures).toEqual([]);
    expect(actual.resources).toEqual(expected.resources);
    const throttles = stormy.events.filter((e) => e.type === "throttled");
    expect(throttles.filter((e) => e.command === "DescribeInstances")).toHaveLength(2);
    expect(throttles.filter((e) => e.command === "GetBucketAcl")).toHaveLength(2);
    expect(calm.events.some((e) => e.type === "throttled")).toBe(false);
  });
});

describe("when a command is throttled without end", () => {
  const retry = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 };

  it("gives up after maxAttempts with AWS_THROTTLED", async () => {
    const s = await open(factsAccount(), { faults: { throttle: { rate: 1, commands: ["DescribeVolumes"] } }, retry });
    const error = await collectOne(s.ctx, "aws.ebs.volume", "vol-0aaa", "us-east-1").catch((e: unknown) => e);
    expect(isAgpmError(error, "AWS_THROTTLED")).toBe(true);
    expect(isAgpmError(error) && error.details).toMatchObject({ command: "DescribeVolumes", attempts: 3, awsError: "RequestLimitExceeded" });
    expect(s.events.filter((e) => e.type === "throttled").map((e) => e.type === "throttled" && e.attempt)).toEqual([1, 2]);
  });

  it("records the kind as failed in each region and still collects the other kinds", async () => {
    const s = await open(factsAccount(), { faults: { throttle: { rate: 1, commands: ["DescribeVolumes"] } }, retry });
    const { resources, failures } = await collectAll(s.ctx, ["aws.ebs.volume", "aws.ec2.instance"]);
    expect(failures.map((f) => [f.kind, f.region, f.code]).sort()).toEqual([
      ["aws.ebs.volume", "eu-west-1", "AWS_THROTTLED"],
      ["aws.ebs.volume", "us-east-1", "AWS_THROTTLED"],
    ]);
    expect(resources.map((r) => r.id).sort()).toEqual(["i-0aaa", "i-0bbb", "i-0ddd"]);
    // Instances are still listed; the volume encryption they borrow is marked unreadable.
    expect(resources.every((r) => (r["collectErrors"] as string[])[0]?.startsWith("volumes: "))).toBe(true);
    expect(s.events.filter((e) => e.type === "collect-failed")).toHaveLength(2);
  });
});

describe("when one bucket cannot be read", () => {
  it("records the failure on that bucket and collects every other bucket cleanly", async () => {
    // The very first GetBucketAcl fails for good (one attempt), whichever bucket it was for.
    const s = await open(factsAccount(), { faults: { throttle: { firstCalls: 1, commands: ["GetBucketAcl"] } }, retry: { maxAttempts: 1 } });
    const { resources, failures } = await collectAll(s.ctx, ["aws.s3.bucket"]);
    expect(failures).toEqual([]);
    expect(resources).toHaveLength(7);
    const broken = resources.filter((r) => r["collectErrors"] !== undefined);
    expect(broken).toHaveLength(1);
    expect(broken[0]!["collectErrors"]).toEqual([expect.stringMatching(/^GetBucketAcl .*SlowDown/)]);
    for (const r of resources) expect(() => modelSchema(findKind(r.kind)!).parse(r)).not.toThrow();
  });
});

describe("when AWS refuses a call", () => {
  it("throws AWS_ERROR naming the AWS error and the command, keeping the cause", async () => {
    const s = await open(factsAccount());
    const error = await send(s.ctx, s.ctx.clients.s3("us-east-1"), new GetBucketPolicyCommand({ Bucket: "bare" })).catch((e: unknown) => e);
    expect(isAgpmError(error, "AWS_ERROR")).toBe(true);
    expect(isAgpmError(error) && error.details).toMatchObject({ awsError: "NoSuchBucketPolicy", command: "GetBucketPolicy", attempts: 1 });
    expect((error as Error).message).toMatch(/^GetBucketPolicy failed: NoSuchBucketPolicy/);
    expect(((error as Error).cause as Error).name).toBe("NoSuchBucketPolicy");
    expect(s.events.some((e) => e.type === "throttled" || e.type === "retry")).toBe(false);
  });
});

describe("when many calls share one context", () => {
  it("keeps at most `concurrency` of them in flight", async () => {
    const s = await open(factsAccount(), { concurrency: 3, faults: { latencyMs: 5 } });
    const real = s.ctx.clients.s3("us-east-1");
    let inFlight = 0;
    let peak = 0;
    // Counts calls on their way through to the real (sandbox-served) client.
    const counting: SdkClient = {
      send: async (command: never) => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        try { return await real.send(command); } finally { inFlight -= 1; }
      },
    };
    await Promise.all(Array.from({ length: 12 }, () => send(s.ctx, counting, new ListBucketsCommand({}))));
    expect(peak).toBe(3);
  });
});
