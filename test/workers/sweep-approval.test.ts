// The approval gate on the queues, real Redis: a queued or scheduled sweep never changes a
// resource whose change waits for a person, and a queued approval of an overtaken run is refused.
import { writeFileSync, readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { startRun } from "../../graphs/runner.js";
import { createIntentProcessor, startIntentWorker } from "../../workers/intents-worker.js";
import { openIntentsQueue, requestSweep, submitDecision, submitIntent, waitForResult } from "../../client/producer.js";
import { removeSchedule, upsertSchedule } from "../../client/schedules.js";
import type { SweepResult } from "../../contracts/sweeps-queue.js";
import { bucketState, driftBucket } from "../helpers/drift.js";
import { until } from "../helpers/until.js";
import { REDIS_URL } from "./redis-env.js";
import { createSweepEnv, S3_INTENT, type SweepEnv } from "./sweep-env.js";

let env: SweepEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

/** Drifts a bucket, then pauses a run that would fix it (more changes than the 0 allowed). */
async function pausedFix(e: SweepEnv) {
  const { name } = driftBucket(e.graph.sandboxFile);
  const { report } = await startRun(e.graph.deps, e.graph.store.checkpointer, {
    intent: S3_INTENT, options: e.graph.options({ command: "run", apply: true, maxChanges: 0, actor: "alice" }),
  });
  expect(report.status).toBe("awaiting-approval");
  expect(report.actions.some((a) => a.resourceId === name && a.status === "planned")).toBe(true);
  return { name, runId: report.runId };
}

describe("sweeps on the queue while a run waits for approval", () => {
  it("a requested sweep holds the paused run's changes and reports them as pending approval", async () => {
    env = await createSweepEnv();
    const { name, runId } = await pausedFix(env);
    env.startWorker(2);
    const { jobId } = await requestSweep(env.producer.queue, env.request());
    const result = (await waitForResult(env.producer.queue, jobId, 30_000)) as SweepResult;
    expect(result.failures).toEqual([]);
    expect(result.totals.remediated).toBe(0);
    expect(result.totals.pendingApproval).toBeGreaterThanOrEqual(1);
    expect(bucketState(env.graph.sandboxFile, name).encryption).toBeNull();
    const held = result.runs.find((r) => (r.actions["pending-approval"] ?? 0) > 0);
    const report = (await env.graph.store.runs.getRun(held?.runId ?? ""))?.result as { actions: Array<{ resourceId: string; status: string; detail?: string }> };
    expect(report.actions.filter((a) => a.status === "pending-approval").every((a) => a.resourceId === name && a.detail?.includes(runId))).toBe(true);
    expect((await env.graph.store.runs.getRun(runId))?.status).toBe("awaiting-approval");
  });

  it("a scheduled --apply sweep does not apply them either", async () => {
    env = await createSweepEnv();
    const { name } = await pausedFix(env);
    env.startWorker();
    await upsertSchedule(env.producer.queue, { id: "watch", every: 1_000, options: env.request().options });
    try {
      const result = await until("a scheduled sweep to finish", async () => {
        const done = await env!.producer.queue.getJobs(["completed"]);
        return done.map((j) => j.returnvalue as SweepResult | undefined).find((r) => r?.schedule === "watch");
      });
      expect(result.totals.pendingApproval).toBeGreaterThanOrEqual(1);
      expect(result.totals.remediated).toBe(0);
      expect(bucketState(env.graph.sandboxFile, name).encryption).toBeNull();
    } finally {
      await removeSchedule(env.producer.queue, "watch");
    }
  });

  it("a queued intent with apply and --yes (as the API, Slack or agpm submit send it) holds them too", async () => {
    env = await createSweepEnv();
    const { name, runId } = await pausedFix(env);
    const intents = openIntentsQueue({ url: REDIS_URL, prefix: env.prefix });
    const worker = startIntentWorker(createIntentProcessor(env.graph.deps, env.graph.store.checkpointer, { maxChanges: 10, maxTranslationAttempts: 3, translator: "offline" }), { url: REDIS_URL, prefix: env.prefix });
    try {
      const { jobId } = await submitIntent(intents.queue, {
        intent: "Ensure all S3 buckets have default encryption enabled.",
        options: { apply: true, autoApprove: true, maxChanges: 0, target: env.graph.options().target, requester: "token:ci", source: "api" },
      });
      const report = await waitForResult(intents.queue, jobId, 30_000);
      expect(report.actions.find((a) => a.resourceId === name)).toMatchObject({ status: "pending-approval", detail: expect.stringContaining(runId) });
      expect(report.actions.some((a) => a.status === "verified")).toBe(false);
      expect(bucketState(env.graph.sandboxFile, name).encryption).toBeNull();
    } finally {
      await worker.close();
      await intents.close();
    }
  });

  it("a queued approval of a run whose resources changed since its plan fails once with RUN_STALE", async () => {
    env = await createSweepEnv();
    const { name, runId } = await pausedFix(env);
    // Someone fixes the bucket's encryption by hand while the run waits.
    const doc = JSON.parse(readFileSync(env.graph.sandboxFile, "utf8")) as { s3: { buckets: Array<{ Name: string; Encryption?: unknown }> } };
    const bucket = doc.s3.buckets.find((b) => b.Name === name);
    if (bucket) bucket.Encryption = { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" }, BucketKeyEnabled: false }] };
    writeFileSync(env.graph.sandboxFile, JSON.stringify(doc));
    const byHand = readFileSync(env.graph.sandboxFile, "utf8");
    const intents = openIntentsQueue({ url: REDIS_URL, prefix: env.prefix });
    const worker = startIntentWorker(createIntentProcessor(env.graph.deps, env.graph.store.checkpointer, { maxChanges: 10, maxTranslationAttempts: 3, translator: "offline" }), { url: REDIS_URL, prefix: env.prefix });
    try {
      const decision = await submitDecision(intents.queue, { runId, approved: true, by: "carol" });
      await expect(waitForResult(intents.queue, decision.jobId, 30_000)).rejects.toThrow(new RegExp(`RUN_STALE: run ${runId} is stale: ${name} changed since the plan`));
      expect(readFileSync(env.graph.sandboxFile, "utf8") === byHand).toBe(true);
      expect((await env.graph.store.runs.getRun(runId))?.status).toBe("stale");
    } finally {
      await worker.close();
      await intents.close();
    }
  });
});
