import { ListBucketsCommand } from "@aws-sdk/client-s3";
import { afterEach, describe, expect, it } from "vitest";
import { isAgpmError } from "../../core/errors.js";
import { createMetrics } from "../../observability/metrics.js";
import { createAwsContext } from "../../tools/aws/context.js";
import type { ProgressEvent } from "../../tools/aws/context.js";
import { send } from "../../tools/aws/send.js";
import type { SdkClient } from "../../tools/aws/send.js";
import { openTarget } from "../../tools/aws/target.js";
import type { OpenedTarget } from "../../tools/aws/target.js";
import { factsAccount } from "../aws/fixtures.js";
import { openSandbox } from "../aws/sandbox-helpers.js";
import type { OpenedSandbox } from "../aws/sandbox-helpers.js";
import { sample } from "./prom-text.js";

const cleanups: Array<() => void> = [];
afterEach(() => { while (cleanups.length) cleanups.pop()!(); });

const FAST = { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 2 };

describe("when a sandbox target throttles the first calls of a command", () => {
  it("counts every attempt sent and every throttle, per command", async () => {
    // The account file comes from the aws test helpers; the target is opened again with the metrics as its sink.
    const seed: OpenedSandbox = await openSandbox(factsAccount());
    cleanups.push(() => seed.dispose());
    const metrics = createMetrics();
    const events: ProgressEvent[] = [];
    const target: OpenedTarget = await openTarget(
      { type: "sandbox", file: seed.file, faults: { throttle: { firstCalls: 2, commands: ["ListBuckets"] } } },
      { retry: FAST, onProgress: (e) => { events.push(e); metrics.observeAws(e); } },
    );
    cleanups.push(() => target.close());

    const out = await send(target.ctx, target.ctx.clients.s3("us-east-1"), new ListBucketsCommand({}));
    expect(out.Buckets?.length).toBeGreaterThan(0);
    expect(events.filter((e) => e.type === "aws-call").map((e) => e.type === "aws-call" && e.command))
      .toEqual(["GetCallerIdentity", "DescribeRegions", "ListBuckets", "ListBuckets", "ListBuckets"]);

    const text = await metrics.render();
    expect(sample(text, "agpm_aws_api_calls_total", { command: "ListBuckets" })).toBe(3);
    expect(sample(text, "agpm_aws_throttles_total", { command: "ListBuckets" })).toBe(2);
    expect(sample(text, "agpm_aws_api_calls_total", { command: "GetCallerIdentity" })).toBe(1);
    expect(sample(text, "agpm_aws_api_calls_total", { command: "DescribeRegions" })).toBe(1);
    expect(sample(text, "agpm_aws_throttles_total", { command: "GetCallerIdentity" })).toBeUndefined();
  });

  it("counts the attempts of a call that stays throttled until it gives up", async () => {
    const s = await openSandbox(factsAccount(), { faults: { throttle: { rate: 1, commands: ["ListBuckets"] } }, retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 } });
    cleanups.push(() => s.dispose());
    const metrics = createMetrics();
    const error = await send(s.ctx, s.ctx.clients.s3("us-east-1"), new ListBucketsCommand({})).catch((e: unknown) => e);
    expect(isAgpmError(error, "AWS_THROTTLED")).toBe(true);
    for (const e of s.events) metrics.observeAws(e);
    const text = await metrics.render();
    // Three attempts sent, two throttles followed by a retry; the third gave up.
    expect(sample(text, "agpm_aws_api_calls_total", { command: "ListBuckets" })).toBe(3);
    expect(sample(text, "agpm_aws_throttles_total", { command: "ListBuckets" })).toBe(2);
  });
});

describe("when AWS fails transiently once", () => {
  it("counts both attempts and one retry", async () => {
    const metrics = createMetrics();
    let attempts = 0;
    // An SDK-shaped client standing in for AWS: a 503 on the first attempt, then an answer.
    const flaky: SdkClient = {
      send: async () => {
        attempts += 1;
        if (attempts === 1) throw Object.assign(new Error("try again"), { name: "ServiceUnavailable", $metadata: { httpStatusCode: 503 } });
        return { Buckets: [] };
      },
    };
    const s = await openSandbox(factsAccount());
    cleanups.push(() => s.dispose());
    const ctx = createAwsContext({ clients: s.ctx.clients, regions: ["us-east-1"], account: s.ctx.account, retry: FAST, onProgress: (e) => metrics.observeAws(e) });
    await send(ctx, flaky, new ListBucketsCommand({}));
    const text = await metrics.render();
    expect(attempts).toBe(2);
    expect(sample(text, "agpm_aws_api_calls_total", { command: "ListBuckets" })).toBe(2);
    expect(sample(text, "agpm_aws_retries_total", { command: "ListBuckets" })).toBe(1);
    expect(sample(text, "agpm_aws_throttles_total", { command: "ListBuckets" })).toBeUndefined();
  });
});
