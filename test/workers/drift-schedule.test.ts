// Continuous governance as a user runs it: a real `agpm worker` process, a schedule every two
// seconds, and a bucket changed behind agpm's back — the next sweep detects the drift, fixes
// it, verifies it and audits it, with no one asking.
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { AuditEvent, FindingChange } from "../../store/index.js";
import { createWorkspace, type CliWorkspace } from "../helpers/cli.js";
import { bucketState, driftBucket } from "../helpers/drift.js";
import { deleteKeys, REDIS_URL } from "./redis-env.js";
import { startWorker, stopAll } from "./processes.js";
import { until } from "../helpers/until.js";

const INTENT = "Ensure all AWS cloud storage buckets are private and encrypted.";

let ws: CliWorkspace | undefined;
let prefix = "";
afterEach(async () => {
  await stopAll();
  ws?.cleanup();
  await deleteKeys(prefix);
});

describe("a scheduled sweep with a worker running", () => {
  it("detects a change made behind agpm's back, remediates it, verifies it and audits it", async () => {
    prefix = `agpm-test-${randomUUID()}`;
    const env = { REDIS_URL, AGPM_QUEUE_PREFIX: prefix, AGPM_ACTOR: "secops", NO_COLOR: "1" };
    ws = createWorkspace(env);
    expect((await ws.run("sandbox", "init")).code).toBe(0);
    const first = await ws.run("run", INTENT, "--apply", "--yes", "--max-changes", "100", "--json");
    expect(first.code, first.stderr).toBe(0);
    const policyId = first.json<{ policy: { id: string; mode: string } }>().policy.id;
    expect(first.json<{ policy: { mode: string } }>().policy.mode).toBe("enforce");

    const worker = await startWorker(ws.dir, env, "--queues", "sweeps", "--concurrency", "2");
    const added = await ws.run("schedule", "add", "watch", "--every", "2s", "--apply", "--json");
    expect(added.code, added.stderr).toBe(0);
    expect(added.json()).toMatchObject({ id: "watch", every: 2000, apply: true });
    const listed = await ws.run("schedule", "list", "--json");
    expect(listed.json<Array<{ id: string }>>().map((s) => s.id)).toEqual(["watch"]);

    // Let a sweep or two find nothing, then change a bucket as someone in the console would.
    await until("a clean sweep", async () => {
      const runs = (await ws!.run("runs", "--json")).json<{ runs: Array<{ kind: string; status: string }> }>().runs;
      return runs.some((r) => r.kind === "sweep" && r.status === "completed") ? true : undefined;
    });
    const driftedAt = new Date().toISOString();
    const { name } = driftBucket(ws.sandboxFile);

    const verified = await until("the remediation to be verified", async () => {
      const events = (await ws!.run("audit", "--resource", name, "--json")).json<{ events: AuditEvent[] }>().events;
      return events.some((e) => e.result === "verified") ? events : undefined;
    });
    expect(bucketState(ws.sandboxFile, name).encryption).not.toBeNull();
    const fix = verified.filter((e) => e.result === "verified");
    expect(fix).toHaveLength(1);
    expect(fix[0]).toMatchObject({ actor: "secops", policyId, before: expect.anything(), after: expect.anything() });
    expect(verified.filter((e) => e.result === "applying")).toHaveLength(1);
    expect(fix[0]!.at >= driftedAt).toBe(true);

    // The findings history says what happened, in order: drift, then remediated.
    const changes = (await ws.run("drift", "--resource", name, "--json")).json<{ changes: FindingChange[] }>().changes;
    expect(changes.map((c) => c.change).reverse()).toEqual(["drift", "remediated"]);
    expect(changes.every((c) => c.at >= driftedAt)).toBe(true);
    expect((await ws.run("drift", "--failing", "--json")).json<{ failing: unknown[] }>().failing).toEqual([]);

    // Operating it: JSON log lines carry the ids, and /metrics counts what happened.
    // The job logs its completion after the audit records the fix: wait for that line, not past it.
    const logLines = () => worker.stderr().trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    const completed = (l: Record<string, unknown>) => l.msg === "job completed" && l.queue === "sweeps" && typeof l.jobId === "string" && typeof l.runId === "string";
    const lines = await until("the sweep job's completion in the worker's log", async () => (logLines().some(completed) ? logLines() : undefined));
    const ready = lines.find((l) => typeof l.metricsPort === "number");
    expect(lines.some(completed)).toBe(true);
    const metrics = await (await fetch(`http://127.0.0.1:${String(ready?.metricsPort)}/metrics`)).text();
    const sample = (name: string, labels: string) => Number(new RegExp(`^${name}\\{${labels}\\} (\\S+)$`, "m").exec(metrics)?.[1] ?? "0");
    expect(sample("agpm_jobs_total", `queue="sweeps",name="sweep-policy",outcome="completed"`)).toBeGreaterThan(0);
    expect(sample("agpm_drift_detected_total", `policy="${policyId}"`)).toBeGreaterThanOrEqual(1);
    expect(metrics).toMatch(/^agpm_remediations_total\{action="[^"]+",result="verified"\} [1-9]/m);
    expect(metrics).toMatch(/^agpm_aws_api_calls_total\{command="ListBuckets"\} [1-9]/m);
    expect(metrics).toMatch(/^agpm_findings_total\{policy="[^"]+",status="pass"\} [1-9]/m);

    expect((await ws.run("schedule", "remove", "watch")).code).toBe(0);
    expect((await ws.run("schedule", "remove", "watch")).code).toBe(2);
  }, 90_000);
});
