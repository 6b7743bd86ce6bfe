// Sweeping an organisation on a real Redis: one run per (policy, account, region), each account's
// run locked on its own, rows per account in the report, and a refused account reported, not dropped.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { requestSweep, waitForResult } from "../../client/producer.js";
import type { SweepResult } from "../../contracts/sweeps-queue.js";
import { awsSandboxSource } from "../../tools/aws/sources.js";
import { runLockKey } from "../../workers/run-lock.js";
import { REDIS_URL } from "./redis-env.js";
import { createSweepEnv, type SweepEnv } from "./sweep-env.js";

const IDS = ["111100000000", "111100000001", "111100000002"];
let env: SweepEnv | undefined;
let dir = "";
afterEach(async () => {
  await env?.close();
  env = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function writeOrg(): string {
  dir = mkdtempSync(join(tmpdir(), "agpm-sweep-org-"));
  awsSandboxSource.initSimulatedOrg?.(dir, { accounts: IDS.length });
  return dir;
}

describe("a sweep of an organisation", () => {
  it("runs each policy once per account and region, with a row per account, and folds only the locked account's region", async () => {
    env = await createSweepEnv();
    const org = writeOrg();
    // Another job is sweeping the policy in the second account's us-east-1: that run folds, the other accounts' us-east-1 do not.
    const redis = new Redis(REDIS_URL);
    await redis.set(runLockKey(env.prefix, env.policyId, { partition: "us-east-1", root: IDS[1] }), "other-job", "PX", 60_000);
    redis.disconnect();
    env.startWorker(2);
    const { jobId } = await requestSweep(env.producer.queue, env.request({ apply: false, target: { type: "sandbox-org", dir: org } }));
    const result = (await waitForResult(env.producer.queue, jobId, 60_000)) as SweepResult;
    expect(result.failures).toEqual([]);
    expect(result.folded).toEqual([{ policyId: env.policyId, region: "us-east-1", jobId: "other-job", root: IDS[1] }]);
    const rows = result.runs.map((r) => `${r.location.root} ${r.region}`);
    expect(rows).toEqual([
      `${IDS[0]} eu-west-1`, `${IDS[0]} us-east-1`,
      `${IDS[1]} eu-west-1`,
      `${IDS[2]} eu-west-1`, `${IDS[2]} us-east-1`,
    ]);
    expect(result.runs.every((r) => r.status === "completed" && r.collectionErrors.length === 0)).toBe(true);
    // Each account's run saw only that account's resources.
    for (const run of result.runs) expect(new Set(run.findings.map((f) => f.location.root))).toEqual(new Set([run.location.root]));
    expect(result.totals.failed).toBeGreaterThan(0);
    // Each account's run keeps to its own history: none takes another account's resources for gone.
    const again = (await waitForResult(env.producer.queue, (await requestSweep(env.producer.queue, env.request({ apply: false, target: { type: "sandbox-org", dir: org } }))).jobId, 60_000)) as SweepResult;
    for (const run of [...result.runs, ...again.runs]) expect(run.drift?.removed, `${run.location.root} ${run.region}`).toBe(0);
    expect(again.runs.every((r) => r.drift?.baseline === false && r.drift.drift === 0 && r.drift.stillFailing > 0)).toBe(true);
  });

  it("reports an account whose role cannot be assumed as a run with its collection error, beside the accounts read", async () => {
    env = await createSweepEnv();
    const org = writeOrg();
    env.startWorker(2);
    const target = { type: "sandbox-org" as const, dir: org, accounts: [{ id: IDS[0] ?? "" }, { id: "999999999999" }] };
    const { jobId } = await requestSweep(env.producer.queue, env.request({ apply: false, target }));
    const result = (await waitForResult(env.producer.queue, jobId, 60_000)) as SweepResult;
    const refused = result.runs.filter((r) => r.location.root === "999999999999");
    expect(refused).toHaveLength(1);
    expect(refused[0]?.region).toBeNull();
    expect(refused[0]?.collectionErrors.join("\n")).toMatch(/AccessDenied/);
    expect(result.runs.filter((r) => r.location.root === IDS[0]).map((r) => r.region)).toEqual(["eu-west-1", "us-east-1"]);
  });
});
