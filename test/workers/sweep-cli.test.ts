// `agpm sweep` and `agpm schedule` as a user types them.
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { SweepResult } from "../../contracts/sweeps-queue.js";
import { createWorkspace, type CliWorkspace } from "../helpers/cli.js";
import { bucketState, driftBucket } from "../helpers/drift.js";
import { deleteKeys, REDIS_URL } from "./redis-env.js";

const INTENT = "Ensure all AWS cloud storage buckets are private and encrypted.";
let ws: CliWorkspace | undefined;
let prefix = "";
afterEach(async () => {
  ws?.cleanup();
  if (prefix) await deleteKeys(prefix);
});

describe("agpm sweep --now", () => {
  it("records drift in a dry run (exit 1), then fixes it with --apply (exit 0) — no Redis needed", async () => {
    ws = createWorkspace({ REDIS_URL: "redis://127.0.0.1:1" });
    expect((await ws.run("sandbox", "init")).code).toBe(0);
    expect((await ws.run("run", INTENT, "--apply", "--yes", "--max-changes", "100")).code).toBe(0);
    const { name } = driftBucket(ws.sandboxFile);

    const dry = await ws.run("sweep", "--now", "--json");
    expect(dry.code, dry.stderr).toBe(1);
    const dryResult = dry.json<SweepResult>();
    expect(dryResult.totals.drift).toBeGreaterThanOrEqual(1);
    expect(dryResult.runs[0]?.actions.planned).toBeGreaterThanOrEqual(1);
    expect(bucketState(ws.sandboxFile, name).encryption).toBeNull();

    const fixed = await ws.run("sweep", "--now", "--apply");
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(fixed.stdout).toMatch(/Totals: \d+ resources, \d+ failing, 0 newly failing \(drift\), 0 recovered, [1-9]\d* remediated/);
    expect(bucketState(ws.sandboxFile, name).encryption).not.toBeNull();

    const drift = await ws.run("drift");
    expect(drift.stdout).toContain(name);
    expect(drift.stdout).toMatch(/remediated/);
    expect((await ws.run("drift", "--failing")).stdout).toBe("Nothing is failing.\n");

  }, 60_000);
});

describe("a sweep or schedule naming a policy", () => {
  it("refuses an unknown or retired id with POLICY_NOT_FOUND (exit 2), naming the close matches, and queues nothing", async () => {
    prefix = `agpm-test-${randomUUID()}`;
    ws = createWorkspace({ REDIS_URL, AGPM_QUEUE_PREFIX: prefix });
    expect((await ws.run("sandbox", "init")).code).toBe(0);
    const s3 = (await ws.run("run", INTENT, "--json")).json<{ policy: { id: string } }>().policy.id;
    const efs = (await ws.run("run", "Ensure EFS file systems have automatic backups enabled", "--json")).json<{ policy: { id: string } }>().policy.id;
    expect((await ws.run("run", "Retire the EFS backup policy")).code).toBe(0);

    const typo = `${s3.slice(0, -1)}x`;
    for (const argv of [["schedule", "add", "nightly", "--every", "1h", "--policy", typo], ["sweep", "--now", "--policy", typo], ["sweep", "--policy", typo]]) {
      const result = await ws.run(...argv);
      expect(result.code, argv.join(" ")).toBe(2);
      expect(result.stderr).toBe(`error [POLICY_NOT_FOUND]: no policy ${typo}: only active policies can be swept; did you mean ${s3}?\n`);
    }
    const retired = await ws.run("schedule", "add", "nightly", "--every", "1h", "--policy", s3, "--policy", efs, "--json");
    expect(retired.code).toBe(2);
    expect(retired.json<{ error: { code: string; message: string } }>().error).toMatchObject({ code: "POLICY_NOT_FOUND", message: expect.stringContaining(`policy ${efs} is retired`) });
    expect((await ws.run("schedule", "list", "--json")).json<unknown[]>()).toEqual([]);

    const good = await ws.run("schedule", "add", "nightly", "--every", "1h", "--policy", s3);
    expect(good.code, good.stderr).toBe(0);
    expect((await ws.run("schedule", "remove", "nightly")).code).toBe(0);
  }, 60_000);
});

describe("agpm sweep and agpm schedule on the queue", () => {
  it("queues a sweep, and refuses bad schedules with the reason", async () => {
    prefix = `agpm-test-${randomUUID()}`;
    ws = createWorkspace({ REDIS_URL, AGPM_QUEUE_PREFIX: prefix });
    expect((await ws.run("sandbox", "init")).code).toBe(0);
    const queued = await ws.run("sweep", "--json");
    expect(queued.code, queued.stderr).toBe(0);
    expect(queued.json<{ jobId: string }>().jobId).toBeTruthy();

    const tooFast = await ws.run("schedule", "add", "fast", "--every", "10");
    expect(tooFast.code).toBe(2);
    expect(tooFast.stderr).toContain("every: at least 1 s");
    const tzWithoutCron = await ws.run("schedule", "add", "x", "--every", "1m", "--tz", "Europe/London");
    expect(tzWithoutCron.stderr).toContain("a time zone applies to cron schedules only");
    expect((await ws.run("schedule", "add", "x", "--every", "soon")).stderr).toContain('"soon" is not a duration');
    const cron = await ws.run("schedule", "add", "nightly", "--cron", "0 2 * * *", "--tz", "Europe/London");
    expect(cron.code, cron.stderr).toBe(0);
    expect(cron.stdout).toContain('cron "0 2 * * *" Europe/London, dry run');
    expect((await ws.run("schedule", "list")).stdout).toMatch(/nightly\s+cron "0 2 \* \* \*" Europe\/London\s+all active\s+dry run/);
    expect((await ws.run("schedule", "remove", "nope")).stderr).toContain('no schedule named "nope"');
  });

  it("says how to start Redis when it is not running", async () => {
    ws = createWorkspace({ REDIS_URL: "redis://127.0.0.1:1" });
    expect((await ws.run("sandbox", "init")).code).toBe(0);
    for (const argv of [["schedule", "list"], ["sweep"], ["submit", "Ensure all S3 buckets are encrypted"], ["worker"]]) {
      const result = await ws.run(...argv);
      expect(result.code, argv.join(" ")).toBe(1);
      expect(result.stderr).toMatch(/^error \[QUEUE_UNAVAILABLE\]: cannot reach Redis at redis:\/\/127\.0\.0\.1:1 \(.*\)\. Start it/);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
    }
  });
});
