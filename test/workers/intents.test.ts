// The intents queue end to end on a real Redis: reports come back, deterministic failures
// fail once with their reason, duplicates fold, and closing a worker lets its job finish.
import { Job } from "bullmq";
import { afterEach, describe, expect, it } from "vitest";
import { submitIntent, waitForResult } from "../../client/producer.js";
import type { IntentJobInput } from "../../contracts/intents-queue.js";
import { createQueueEnv, type QueueEnv } from "./redis-env.js";

let env: QueueEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const payload = (e: QueueEnv, intent = "Ensure all S3 buckets are encrypted"): IntentJobInput => ({
  intent,
  options: { target: e.graph.options().target, requester: "alice" },
});

async function failedJob(e: QueueEnv, jobId: string) {
  await expect(waitForResult(e.producer.queue, jobId, 20_000)).rejects.toThrow();
  const job = await Job.fromId(e.producer.queue, jobId);
  return { state: await job?.getState(), attemptsMade: job?.attemptsMade, reason: job?.failedReason ?? "" };
}

describe("when an intent is submitted and a worker is running", () => {
  it("runs the graph against the sandbox and returns the report to the waiting producer", async () => {
    env = await createQueueEnv();
    env.startWorker();
    const { jobId } = await submitIntent(env.producer.queue, payload(env), { name: "check" });
    const report = await waitForResult(env.producer.queue, jobId, 20_000);
    expect(report.command).toBe("check");
    expect(report.error).toBeNull();
    expect(report.summary.resources).toBeGreaterThan(0);
    const run = await env.graph.store.runs.getRun(report.runId);
    expect(run?.actor).toBe("alice");
  });
});

describe("when a job is deterministically wrong", () => {
  it("fails an invalid payload, an unknown job name and an oversized payload at once, with the reason", async () => {
    env = await createQueueEnv();
    env.startWorker();
    const q = env.producer.queue;
    const opts = { attempts: 3, backoff: { type: "fixed", delay: 10 } };
    const invalid = await q.add("run", { intent: "Ensure all S3 buckets are encrypted", options: { requester: "x" } } as never, opts);
    const unknown = await q.add("delete-everything" as never, payload(env) as never, opts);
    const huge = await q.add("run", { ...payload(env), intent: "x".repeat(40_000) } as never, opts);
    const results = await Promise.all([invalid, unknown, huge].map((j) => failedJob(env!, j.id!)));
    for (const r of results) expect(r).toMatchObject({ state: "failed", attemptsMade: 1 });
    expect(results[0]?.reason).toMatch(/INPUT_INVALID: invalid payload: options\.target/);
    expect(results[1]?.reason).toContain('unknown job name "delete-everything"');
    expect(results[2]?.reason).toMatch(/payload is \d+ bytes; the limit is/);
  });

  it("fails an untranslatable intent once, as unrecoverable", async () => {
    env = await createQueueEnv();
    env.startWorker();
    const { jobId } = await submitIntent(env.producer.queue, payload(env, "Make the office coffee taste better on Mondays"), { attempts: 3, backoffMs: 10 });
    const r = await failedJob(env, jobId);
    expect(r).toMatchObject({ state: "failed", attemptsMade: 1 });
    expect(r.reason).toContain("INTENT_UNTRANSLATABLE");
  });

  it("refuses an invalid payload at submission, enqueuing nothing", async () => {
    env = await createQueueEnv();
    await expect(submitIntent(env.producer.queue, { ...payload(env), intent: "" })).rejects.toThrow(/intent/);
    expect(await env.producer.queue.count()).toBe(0);
  });
});

describe("when the same intent is submitted twice within the window", () => {
  it("folds the duplicates into one job, but keeps a different intent separate", async () => {
    env = await createQueueEnv();
    const q = env.producer.queue;
    const first = await submitIntent(q, payload(env));
    const again = await submitIntent(q, { ...payload(env), options: { requester: "alice", target: env.graph.options().target } });
    const other = await submitIntent(q, payload(env, "Ensure all EBS volumes are encrypted"));
    expect(again.jobId).toBe(first.jobId);
    expect(other.jobId).not.toBe(first.jobId);
    expect(await q.getWaitingCount()).toBe(2);
  });
});

describe("when a worker is closed with a job in progress", () => {
  it("finishes the active job before close resolves", async () => {
    env = await createQueueEnv({ faults: { latencyMs: 40 } });
    const running = env.startWorker();
    const active = new Promise<void>((resolve) => running.worker.once("active", () => resolve()));
    const { jobId } = await submitIntent(env.producer.queue, payload(env));
    await active;
    await running.close();
    const job = await Job.fromId(env.producer.queue, jobId);
    expect(await job?.getState()).toBe("completed");
    expect(job?.returnvalue?.summary.resources).toBeGreaterThan(0);
  });
});

describe("when the account keeps throttling", () => {
  it("fails the job once: every call was already retried with backoff, so the job layer does not multiply them", async () => {
    env = await createQueueEnv({ faults: { throttle: { rate: 1 } } });
    env.startWorker();
    const { jobId } = await submitIntent(env.producer.queue, payload(env), { attempts: 3, backoffMs: 10 });
    const r = await failedJob(env, jobId);
    expect(r).toMatchObject({ state: "failed", attemptsMade: 1 });
    expect(r.reason).toContain("AWS_THROTTLED");
  });
});
