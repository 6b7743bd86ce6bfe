// Queue results list every evaluated (rule, resource) pair: a queued sweep's per-run results, and
// `agpm submit --wait --json` (with --quiet keeping failures and errors) on a real Redis.
import { afterEach, describe, expect, it } from "vitest";
import type { RunReport } from "../../agents/reporter/report.js";
import { requestSweep, waitForResult } from "../../client/producer.js";
import type { SweepResult } from "../../contracts/sweeps-queue.js";
import { createApiEnv, type ApiEnv } from "../api/api-env.js";
import { createWorkspace, type CliWorkspace } from "../helpers/cli.js";
import { statusesOf, summaryOfRows } from "../helpers/report-rows.js";
import { REDIS_URL } from "./redis-env.js";
import { createSweepEnv, type SweepEnv } from "./sweep-env.js";

let sweeps: SweepEnv | undefined;
let api: ApiEnv | undefined;
let ws: CliWorkspace | undefined;
afterEach(async () => {
  await sweeps?.close();
  await api?.close();
  ws?.cleanup();
  sweeps = api = ws = undefined;
});

describe("a queued sweep's result", () => {
  it("carries every (rule, resource) pair of each (policy, region) run, which its summary counts", async () => {
    sweeps = await createSweepEnv();
    sweeps.startWorker();
    const { jobId } = await requestSweep(sweeps.producer.queue, sweeps.request({ apply: false }));
    const result = (await waitForResult(sweeps.producer.queue, jobId, 30_000)) as SweepResult;
    expect(result.runs.length).toBeGreaterThan(1);
    for (const run of result.runs) {
      expect(run.findings.length).toBeGreaterThan(0);
      expect(run.findings.every((f) => f.location.partition === run.region)).toBe(true);
      expect(run.summary).toEqual(summaryOfRows(run.findings));
    }
    // The policy was enforced before the sweep: what it checked passes, and the evidence says so.
    expect(statusesOf(result.runs.flatMap((r) => r.findings))).toContain("pass");
  });
});

describe("agpm submit --wait --json", () => {
  it("prints the worker's report with every pair; --quiet keeps only failures and errors", async () => {
    api = await createApiEnv();
    api.startWorker();
    ws = createWorkspace({ REDIS_URL, AGPM_QUEUE_PREFIX: api.prefix });
    expect((await ws.run("sandbox", "init")).code).toBe(0);
    const full = await ws.run("submit", "Ensure all S3 buckets are encrypted", "--wait", "--json");
    expect(full.code, full.stderr).toBe(1);
    const report = full.json<RunReport>();
    expect(statusesOf(report.findings)).toEqual(["fail", "pass"]);
    expect(report.summary).toEqual(summaryOfRows(report.findings));
    expect(report.findings.every((f) => f.location.root === ws?.sandbox().account)).toBe(true);

    const quiet = (await ws.run("submit", "Ensure all S3 buckets are encrypted", "--wait", "--json", "--quiet")).json<RunReport>();
    expect(quiet.summary).toEqual(report.summary);
    expect(statusesOf(quiet.findings)).toEqual(["fail"]);
    expect(quiet.findings).toHaveLength(report.summary.failed);
  });
});
