import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isAgpmError } from "../../core/errors.js";
import { TargetSchema, openTarget } from "../../tools/aws/target.js";
import type { Target } from "../../tools/aws/target.js";
import { factsAccount } from "./fixtures.js";
import { ACCOUNT, openSandbox } from "./sandbox-helpers.js";
import type { OpenedSandbox } from "./sandbox-helpers.js";

let sandbox: OpenedSandbox | undefined;
afterEach(() => sandbox?.dispose());

describe("when a sandbox target is opened", () => {
  it("resolves the account through STS and the regions through EC2", async () => {
    sandbox = await openSandbox(factsAccount());
    expect(sandbox.ctx.account).toBe(ACCOUNT);
    expect(sandbox.ctx.regions).toEqual(["eu-west-1", "us-east-1"]);
    expect(sandbox.ctx.clients.defaultRegion).toBe("us-east-1");
    expect(sandbox.describe).toContain(sandbox.file);
    expect(sandbox.describe).toContain(ACCOUNT);
  });

  it("applies the concurrency and retry options to the context", async () => {
    sandbox = await openSandbox(factsAccount(), { concurrency: 5, retry: { maxAttempts: 2 } });
    expect(sandbox.ctx.limiter.limit).toBe(5);
    expect(sandbox.ctx.retry).toMatchObject({ maxAttempts: 2, baseDelayMs: 100 });
  });

  it("fails with the sandbox's own error for a file that breaks the format", async () => {
    const dir = mkdtempSync(join(tmpdir(), "agpm-target-"));
    try {
      const file = join(dir, "bad.json");
      writeFileSync(file, JSON.stringify({ account: "not-an-account" }));
      const error = await openTarget({ type: "sandbox", file }).catch((e: unknown) => e);
      expect(isAgpmError(error, "SANDBOX_FILE_INVALID")).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("when a target is described", () => {
  it("accepts both target types with their options", () => {
    const targets: Target[] = [
      { type: "sandbox", file: "demo.json", faults: { latencyMs: 5, throttle: { rate: 0.1, commands: ["ListBuckets"] }, seed: 7 } },
      { type: "aws", region: "us-east-1" },
      { type: "aws", region: "us-east-1", regions: ["eu-west-1"], endpoint: "http://localhost:4566" },
    ];
    for (const t of targets) expect(TargetSchema.parse(t)).toEqual(t);
  });

  it("refuses malformed targets with INPUT_INVALID naming the field", async () => {
    const bad: unknown[] = [
      { type: "gcp" },
      { type: "aws", region: "Virginia" },
      { type: "aws", region: "us-east-1", regions: [] },
      { type: "sandbox", file: "x.json", faults: { throttle: { rate: 2 } } },
      { type: "sandbox", file: "x.json", faults: { jitter: 1 } },
    ];
    for (const t of bad) {
      expect(TargetSchema.safeParse(t).success, JSON.stringify(t)).toBe(false);
      const error = await openTarget(t as Target).catch((e: unknown) => e);
      expect(isAgpmError(error, "INPUT_INVALID"), JSON.stringify(t)).toBe(true);
      expect((error as Error).message).toMatch(/invalid target at \$/);
    }
  });
});
