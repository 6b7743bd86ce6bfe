// The sweeps queue end to end on a real Redis: a sweep fans out per policy and region, reports
// when every child is done, remediates drift, folds overlapping runs, and refuses bad jobs.
import { Job } from "bullmq";
import { afterEach, describe, expect, it } from "vitest";
import { openIntentsQueue, requestSweep, submitDecision, waitForResult } from "../../client/producer.js";
import { createIntentProcessor, startIntentWorker } from "../../workers/intents-worker.js";
import type { SweepChildResult, SweepResult } from "../../contracts/sweeps-queue.js";
import { bucketRegions, bucketState, driftBucket } from "../helpers/drift.js";
import { createSweepEnv, type SweepEnv } from "./sweep-env.js";
import { Redis } from "ioredis";
import { runLockKey } from "../../workers/run-lock.js";
import { REDIS_URL } from "./redis-env.js";

let env: SweepEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const regionsOf = (e: SweepEnv) => [...new Set(bucketRegions(e.graph.sandboxFile).values())];

describe("a sweep on the queue", () => {
  it("fans out one run per policy and region, remediates the drift, and reports once all are done", async () => {
    env = await createSweepEnv();
    const { name, region } = driftBucket(env.graph.sandboxFile);
    env.startWorker(2);
    const { jobId } = await requestSweep(env.producer.queue, env.request());
    const result = (await waitForResult(env.producer.queue, jobId, 30_000)) as SweepResult;
    expect(result.sweepId).toMatch(/^swp_/);
    expect(result.failures).toEqual([]);
    expect(result.policies).toBe(1);
    // Every region of the account got its own run of the policy.
    const regions = result.runs.map((r) => r.region);
    for (const r of regionsOf(env)) expect(regions).toContain(r);
    expect(new Set(regions).size).toBe(regions.length);
    expect(result.runs.every((r) => r.status === "completed" && r.policyId === env?.policyId)).toBe(true);
    // Each row says where it looked: the target's domain and account, the region as its partition.
    expect(result.runs.every((r) => r.location.domain === "aws" && r.location.partition === r.region && /^\d{12}$/.test(r.location.root))).toBe(true);
    const drifted = result.runs.find((r) => r.region === (region ?? "us-east-1"));
    expect(drifted?.drift?.changes.some((c) => c.resourceId === name)).toBe(true);
    expect(result.totals.drift).toBeGreaterThanOrEqual(1);
    expect(result.totals.remediated).toBeGreaterThanOrEqual(1);
    expect(bucketState(env.graph.sandboxFile, name).encryption).not.toBeNull();
    // Each run is in the store as a sweep run of the policy.
    const run = await env.graph.store.runs.getRun(drifted?.runId ?? "");
    expect(run?.kind).toBe("sweep");
    expect(run?.status).toBe("completed");
  });

  it("folds a (policy, region) another job is already sweeping instead of running it twice", async () => {
    env = await createSweepEnv();
    // Another worker is in the middle of sweeping the policy in us-east-1.
    const redis = new Redis(REDIS_URL);
    const opened = await env.graph.deps.openTarget(env.graph.options().target);
    const root = opened.root();
    opened.close();
    // The same policy and region in another account is another run: its lock folds nothing here.
    await redis.set(runLockKey(env.prefix, env.policyId, { partition: "eu-west-1", root: "000000000000" }), "other-account-job", "PX", 60_000);
    await redis.set(runLockKey(env.prefix, env.policyId, { partition: "us-east-1", root }), "other-job", "PX", 60_000);
    redis.disconnect();
    env.startWorker(2);
    const { jobId } = await requestSweep(env.producer.queue, env.request({ apply: false }));
    const result = (await waitForResult(env.producer.queue, jobId, 30_000)) as SweepResult;
    // The folded run names its account: the lock is per (policy, account, region).
    expect(result.folded).toEqual([{ policyId: env.policyId, region: "us-east-1", jobId: "other-job", root }]);
    expect(result.runs.map((r) => r.region)).not.toContain("us-east-1");
    expect(result.runs.length).toBeGreaterThan(0);
    // Locks are released when the runs end: the next sweep runs every region it is not told is busy.
    const again = (await waitForResult(env.producer.queue, (await requestSweep(env.producer.queue, env.request({ apply: false }))).jobId, 30_000)) as SweepResult;
    expect(again.runs.map((r) => r.region).sort()).toEqual(result.runs.map((r) => r.region).sort());
  });

  it("runs a child queued by older code (region, no partition) in that region, and reports where it looked", async () => {
    env = await createSweepEnv();
    const opened = await env.graph.deps.openTarget(env.graph.options().target);
    const root = opened.root();
    opened.close();
    env.startWorker();
    const child = { sweepId: "swp_old", policyId: env.policyId, region: "us-east-1", root, runId: "run_swp_old", options: env.request({ apply: false }).options };
    const job = await env.producer.queue.add("sweep-policy", child);
    const result = (await waitForResult(env.producer.queue, job.id ?? "", 30_000)) as SweepChildResult;
    if (result.outcome !== "ran") throw new Error(`expected a run, got ${JSON.stringify(result)}`);
    expect(result.status).toBe("completed");
    expect([result.region, result.location]).toEqual(["us-east-1", { domain: "aws", partition: "us-east-1", root }]);
    expect(result.findings.length).toBeGreaterThan(0);
    expect(result.findings.every((f) => f.location.partition === "us-east-1")).toBe(true);
    const run = await env.graph.store.runs.getRun("run_swp_old");
    expect(run?.result).toMatchObject({ sweep: { policyId: env.policyId, partition: "us-east-1", region: "us-east-1", sweepId: "swp_old" } });
  });

  it("reports named policies that do not exist", async () => {
    env = await createSweepEnv();
    env.startWorker();
    const { jobId } = await requestSweep(env.producer.queue, env.request({ apply: false }, ["no-such-policy"]));
    const result = (await waitForResult(env.producer.queue, jobId, 30_000)) as SweepResult;
    expect(result.runs).toEqual([]);
    expect(result.failures).toEqual([{ jobId: "-", reason: "POLICY_NOT_FOUND: no active policy no-such-policy" }]);
  });
});

describe("bad sweep jobs", () => {
  it("are refused by the producer before anything is enqueued", async () => {
    env = await createSweepEnv();
    await expect(requestSweep(env.producer.queue, { options: { target: { type: "ftp" } } } as never)).rejects.toMatchObject({ code: "INPUT_INVALID" });
    expect(await env.producer.queue.count()).toBe(0);
  });

  it("fail once with the reason when put on the queue directly", async () => {
    env = await createSweepEnv();
    env.startWorker();
    const q = env.producer.queue;
    const opts = { attempts: 3, backoff: { type: "fixed", delay: 10 } };
    const jobs = await Promise.all([
      q.add("sweep", { options: {} }, opts),
      q.add("sweep-everything", env.request(), opts),
      q.add("sweep", { ...env.request(), policyIds: Array.from({ length: 400 }, (_, i) => `policy-${"x".repeat(40)}-${i}`) }, opts),
      q.add("sweep-policy", { sweepId: "s", policyId: "../etc", region: null, runId: "r", options: env.request().options }, opts),
    ]);
    const reasons: string[] = [];
    for (const job of jobs) {
      await expect(waitForResult(q, job.id ?? "", 20_000)).rejects.toThrow();
      const failed = await Job.fromId(q, job.id ?? "");
      expect(failed?.attemptsMade).toBe(1);
      reasons.push(failed?.failedReason ?? "");
    }
    expect(reasons[0]).toMatch(/INPUT_INVALID: invalid payload: options\.target/);
    expect(reasons[1]).toContain('unknown job name "sweep-everything"');
    expect(reasons[2]).toMatch(/payload is \d+ bytes; the limit is/);
    expect(reasons[3]).toMatch(/policyId: a policy id/);
  });
});

describe("a sweep that needs approval", () => {
  it("pauses, and any worker resumes it from the queue with the approver's decision", async () => {
    env = await createSweepEnv();
    const { name } = driftBucket(env.graph.sandboxFile);
    env.startWorker();
    const { jobId } = await requestSweep(env.producer.queue, env.request({ maxChanges: 0 }));
    const result = (await waitForResult(env.producer.queue, jobId, 30_000)) as SweepResult;
    expect(result.totals.awaitingApproval).toBe(1);
    const paused = result.runs.find((r) => r.status === "awaiting-approval");
    expect(bucketState(env.graph.sandboxFile, name).encryption).toBeNull();

    // A different worker — on the intents queue, with its own processor — carries out the decision.
    const intents = openIntentsQueue({ url: REDIS_URL, prefix: env.prefix });
    const worker = startIntentWorker(createIntentProcessor(env.graph.deps, env.graph.store.checkpointer, { maxChanges: 10, maxTranslationAttempts: 3, translator: "offline" }), { url: REDIS_URL, prefix: env.prefix });
    try {
      await expect(submitDecision(intents.queue, { runId: "", approved: true, by: "x" })).rejects.toMatchObject({ code: "INPUT_INVALID" });
      const decision = await submitDecision(intents.queue, { runId: paused?.runId ?? "", approved: true, by: "carol", comment: "drift fix" });
      const report = await waitForResult(intents.queue, decision.jobId, 30_000);
      expect(report.status).toBe("completed");
      expect(report.actions.some((a) => a.resourceId === name && a.status === "verified")).toBe(true);
      expect(bucketState(env.graph.sandboxFile, name).encryption).not.toBeNull();
      const audit = await env.graph.store.audit.listAudit({ runId: paused?.runId ?? "" });
      expect(audit.find((e) => e.result === "approved")).toMatchObject({ actor: "carol", detail: "drift fix" });
      // A second decision on the same run fails once, with the reason.
      const again = await submitDecision(intents.queue, { runId: paused?.runId ?? "", approved: false, by: "dave" });
      await expect(waitForResult(intents.queue, again.jobId, 30_000)).rejects.toThrow(/RUN_NOT_AWAITING_APPROVAL/);
    } finally {
      await worker.close();
      await intents.close();
    }
  });
});
