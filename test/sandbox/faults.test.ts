import { DescribeAutoScalingGroupsCommand } from "@aws-sdk/client-auto-scaling";
import { DescribeInstancesCommand, DescribeVolumesCommand } from "@aws-sdk/client-ec2";
import { DescribeFileSystemsCommand, ThrottlingException } from "@aws-sdk/client-efs";
import { ListBucketsCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { describe, expect, it } from "vitest";
import { isAgpmError } from "../../core/errors.js";
import { createSandboxClients } from "../../tools/aws/sandbox/index.js";
import type { SandboxFaults } from "../../tools/aws/sandbox/index.js";
import { fixture, rejectionOf } from "./helpers.js";

/** Which of `n` DescribeInstances calls were throttled, as a string of 0/1. */
async function throttlePattern(faults: SandboxFaults, n: number): Promise<string> {
  const f = fixture(undefined, { faults });
  try {
    let pattern = "";
    for (let i = 0; i < n; i++) {
      const ok = await f.clients.ec2("us-east-1").send(new DescribeInstancesCommand({})).then(() => true, () => false);
      pattern += ok ? "0" : "1";
    }
    return pattern;
  } finally {
    f.cleanup();
  }
}

describe("when throttling is injected", () => {
  it("raises each service's real throttling error, marked retryable as throttling", async () => {
    const f = fixture(undefined, { faults: { throttle: { firstCalls: 1 } } });
    try {
      const cases = [
        [f.clients.s3("us-east-1").send(new ListBucketsCommand({})), "SlowDown", 503],
        [f.clients.ec2("us-east-1").send(new DescribeInstancesCommand({})), "RequestLimitExceeded", 503],
        [f.clients.efs("us-east-1").send(new DescribeFileSystemsCommand({})), "ThrottlingException", 429],
        [f.clients.autoscaling("us-east-1").send(new DescribeAutoScalingGroupsCommand({})), "Throttling", 400],
        [f.clients.sts("us-east-1").send(new GetCallerIdentityCommand({})), "Throttling", 400],
      ] as const;
      for (const [call, name, status] of cases) {
        const error = await rejectionOf(call);
        expect(error.name).toBe(name);
        expect((error.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(status);
        expect(error.$retryable).toEqual({ throttling: true });
        if (name === "ThrottlingException") expect(error).toBeInstanceOf(ThrottlingException);
      }
    } finally {
      f.cleanup();
    }
  });

  it("throttles exactly each command's first n calls, then answers", async () => {
    expect(await throttlePattern({ throttle: { firstCalls: 3 } }, 6)).toBe("111000");
  });

  it("only throttles the listed commands", async () => {
    const f = fixture(undefined, { faults: { throttle: { firstCalls: 5, commands: ["DescribeVolumes"] } } });
    try {
      await f.clients.ec2("us-east-1").send(new DescribeInstancesCommand({}));
      expect((await rejectionOf(f.clients.ec2("us-east-1").send(new DescribeVolumesCommand({})))).name).toBe("RequestLimitExceeded");
    } finally {
      f.cleanup();
    }
  });

  it("throttles at a rate, the same calls for the same seed", async () => {
    const a = await throttlePattern({ throttle: { rate: 0.5 }, seed: 11 }, 40);
    const b = await throttlePattern({ throttle: { rate: 0.5 }, seed: 11 }, 40);
    const c = await throttlePattern({ throttle: { rate: 0.5 }, seed: 12 }, 40);
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    const throttled = [...a].filter((x) => x === "1").length;
    expect(throttled).toBeGreaterThan(8);
    expect(throttled).toBeLessThan(32);
  });

  it("delays each call by the injected latency", async () => {
    const f = fixture(undefined, { faults: { latencyMs: 40 } });
    try {
      const started = performance.now();
      await f.clients.sts("us-east-1").send(new GetCallerIdentityCommand({}));
      expect(performance.now() - started).toBeGreaterThanOrEqual(35);
    } finally {
      f.cleanup();
    }
  });

  it("refuses invalid fault settings", () => {
    const f = fixture();
    try {
      expect(() => createSandboxClients(f.account, { faults: { throttle: { rate: 2 } } })).toThrow(/throttle\.rate/);
    } finally {
      f.cleanup();
    }
  });
});

describe("when a command has no sandbox handler", () => {
  it("fails loudly naming the client and the command", async () => {
    const f = fixture();
    try {
      const error = await rejectionOf(f.clients.s3("us-east-1").send(new ListObjectsV2Command({ Bucket: "app-logs" })));
      expect(isAgpmError(error, "SANDBOX_UNSUPPORTED_COMMAND")).toBe(true);
      expect(error.message).toContain("S3Client");
      expect(error.message).toContain("ListObjectsV2Command");
      const filter = await rejectionOf(f.clients.ec2("us-east-1").send(new DescribeInstancesCommand({ Filters: [{ Name: "hibernation-options.configured", Values: ["true"] }] })));
      expect(isAgpmError(filter, "SANDBOX_UNSUPPORTED_COMMAND")).toBe(true);
    } finally {
      f.cleanup();
    }
  });
});
