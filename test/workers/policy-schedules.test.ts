// Schedules carried by policies: read from the intent, versioned with the policy, and kept in
// step with the sweeps queue's job schedulers by the scheduler's sync.
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startRun } from "../../graphs/runner.js";
import { syncPolicySchedules } from "../../workers/policy-schedules.js";
import { openSweepsQueue, type SweepsProducer } from "../../client/producer.js";
import { listSchedules, upsertSchedule } from "../../client/schedules.js";
import { createGraphEnv, type GraphEnv } from "../helpers/graph.js";
import { deleteKeys, REDIS_URL } from "./redis-env.js";

let env: GraphEnv;
let producer: SweepsProducer;
let prefix: string;

beforeEach(async () => {
  env = await createGraphEnv();
  prefix = `agpm-test-${randomUUID()}`;
  producer = openSweepsQueue({ url: REDIS_URL, prefix });
});
afterEach(async () => {
  await producer.close();
  await deleteKeys(prefix);
  await env.close();
});

const publish = async (intent: string) => {
  const { report } = await startRun(env.deps, env.store.checkpointer, { intent, options: env.options({ command: "run", autoApprove: true }) });
  expect(report.error).toBeNull();
  return report;
};
const options = () => ({ target: env.options().target, apply: true, requester: "scheduler" });

describe("a policy's own schedule", () => {
  it("is read from the intent, kept when the policy is restated, and versioned when it changes", async () => {
    const first = await publish("Every 10 minutes, ensure all S3 buckets are encrypted.");
    const id = first.policy?.id ?? "";
    expect(first.plan?.interpretation.join(" ")).toContain("Swept every 10 minutes");
    expect((await env.store.policies.getPolicy(id))?.schedule).toEqual({ every: 600_000 });

    const restated = await publish("Ensure all S3 buckets are encrypted.");
    expect(restated.policy?.version).toBe(1);

    const changed = await publish("Hourly, ensure all S3 buckets are encrypted.");
    expect(changed.policy?.version).toBe(2);
    expect(changed.notes.join(" ")).toContain("schedule changed from every 600 s to every 3600 s");
  });

  it("becomes a job scheduler on the sweeps queue, updated and removed with the policy", async () => {
    const report = await publish("Every 10 minutes, ensure all S3 buckets are encrypted.");
    const id = report.policy?.id ?? "";
    // A hand-made schedule is never touched by the sync.
    await upsertSchedule(producer.queue, { id: "nightly", cron: "0 2 * * *", tz: "Europe/London", options: options() });

    const first = await syncPolicySchedules(env.store, producer.queue, { options: options(), defaultEvery: 900_000 });
    expect(first.upserted.sort()).toEqual(["default", `policy-${id}`]);
    const schedules = await listSchedules(producer.queue);
    expect(schedules.map((s) => s.id)).toEqual(["default", "nightly", `policy-${id}`]);
    const mine = schedules.find((s) => s.id === `policy-${id}`);
    expect(mine).toMatchObject({ every: 600_000, policyIds: [id], apply: true });
    expect(Number.isNaN(Date.parse(mine?.next ?? ""))).toBe(false);

    // Nothing changed: nothing is rewritten (the next run time is kept).
    const again = await syncPolicySchedules(env.store, producer.queue, { options: options(), defaultEvery: 900_000 });
    expect(again.upserted).toEqual([]);
    expect((await listSchedules(producer.queue)).find((s) => s.id === `policy-${id}`)?.next).toBe(mine?.next);

    await env.store.policies.retire(id);
    const retired = await syncPolicySchedules(env.store, producer.queue, { options: options() });
    expect(retired.removed.sort()).toEqual(["default", `policy-${id}`]);
    expect((await listSchedules(producer.queue)).map((s) => s.id)).toEqual(["nightly"]);
  });

  it("refuses bad schedules with the reason", async () => {
    await expect(upsertSchedule(producer.queue, { id: "x", every: 500, options: options() })).rejects.toThrow(/every: at least 1 s/);
    await expect(upsertSchedule(producer.queue, { id: "x", every: 5_000, cron: "* * * * *", options: options() })).rejects.toThrow(/exactly one of every or cron/);
    await expect(upsertSchedule(producer.queue, { id: "x", cron: "0 2 * * *", tz: "Mars/Olympus", options: options() })).rejects.toThrow(/IANA time zone/);
    await expect(upsertSchedule(producer.queue, { id: "x", cron: "not a cron", options: options() })).rejects.toMatchObject({ code: "INPUT_INVALID" });
    await expect(upsertSchedule(producer.queue, { id: "Bad Name", every: 5_000, options: options() })).rejects.toThrow(/lower-case/);
    expect(await listSchedules(producer.queue)).toEqual([]);
  });
});
