// `agpm worker` as a real process and `agpm submit --wait` in-process, sharing a unique
// queue prefix on the real Redis.
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { RunReport } from "../../agents/reporter/report.js";
import { createWorkspace, type CliWorkspace } from "../helpers/cli.js";
import { unencryptedBuckets } from "../helpers/oracle.js";
import { startWorker, stopAll } from "./processes.js";
import { deleteKeys, REDIS_URL } from "./redis-env.js";

let ws: CliWorkspace | undefined;
let prefix = "";
afterEach(async () => {
  await stopAll();
  ws?.cleanup();
  await deleteKeys(prefix);
});

describe("when a worker process is running", () => {
  it("runs `agpm submit --wait` jobs (dry run, applied, refused), then drains and exits 0 on SIGTERM", async () => {
    prefix = `agpm-test-${randomUUID()}`;
    const env = { REDIS_URL, AGPM_QUEUE_PREFIX: prefix, AGPM_ACTOR: "bob", NO_COLOR: "1" };
    ws = createWorkspace(env);
    expect((await ws.run("sandbox", "init")).code).toBe(0);
    const worker = await startWorker(ws.dir, env, "--concurrency", "2");

    const before = JSON.stringify(ws.sandbox());
    const result = await ws.run("submit", "Ensure all S3 buckets are encrypted", "--wait", "--json");
    expect(result.code, result.stderr).toBe(1); // a dry run: the planned fixes are not made, so buckets still fail
    // The same gate as agpm run: encryption is a high-severity rule, under --fail-on critical.
    expect((await ws.run("submit", "Ensure all S3 buckets are encrypted", "--wait", "--fail-on", "critical", "--json")).code).toBe(0);
    const report = result.json<RunReport>();
    expect(report.command).toBe("run");
    expect(report.applied).toBe(false);
    expect(report.summary.failed).toBeGreaterThan(0);
    expect(report.actions.every((a) => a.status === "planned" || a.status === "manual")).toBe(true);
    expect(JSON.stringify(ws.sandbox())).toBe(before); // a dry run changes nothing

    const applied = await ws.run("submit", "Ensure all S3 buckets are encrypted", "--apply", "--yes", "--wait", "--json");
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.json<RunReport>().applied).toBe(true);
    expect(unencryptedBuckets(ws.sandbox())).toEqual([]);

    const refused = await ws.run("submit", "Make the office coffee taste better on Mondays", "--wait", "--json");
    expect(refused.code).toBe(2);
    expect(refused.json<{ error: { code: string } }>().error.code).toBe("INTENT_UNTRANSLATABLE");

    worker.proc.kill("SIGTERM");
    expect(await worker.exited).toBe(0);
    expect(worker.stderr()).toContain("agpm worker: stopped");
  }, 60_000);

  it("never prints the Redis password it connects with", async () => {
    prefix = `agpm-test-${randomUUID()}`;
    // Redis's default user has no password, so it accepts any: the worker really connects with this URL.
    const url = REDIS_URL.replace("redis://", "redis://default:s3cret-t0ken@");
    const env = { REDIS_URL: url, AGPM_QUEUE_PREFIX: prefix, NO_COLOR: "1" };
    ws = createWorkspace(env);
    expect((await ws.run("sandbox", "init")).code).toBe(0);
    const worker = await startWorker(ws.dir, env);
    worker.proc.kill("SIGTERM");
    expect(await worker.exited).toBe(0);
    expect(worker.stderr()).toContain("redis://***@");
    expect(worker.stderr()).not.toContain("s3cret-t0ken");
  }, 60_000);
});
