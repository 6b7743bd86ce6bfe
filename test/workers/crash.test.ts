// Workers die and Redis restarts; nothing is lost or done twice. Real processes throughout:
// a worker SIGKILLed in the middle of remediating, and a private Redis server killed and
// restarted while intents are queued.
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import pg from "pg";
import { testDatabaseUrl } from "../store/helpers.js";
import { afterEach, describe, expect, it } from "vitest";
import type { AuditEvent, FindingChange } from "../../store/index.js";
import { openIntentsQueue, openSweepsQueue, requestSweep, submitIntent, waitForResult } from "../../client/producer.js";
import type { SweepResult } from "../../contracts/sweeps-queue.js";
import { createWorkspace, type CliWorkspace } from "../helpers/cli.js";
import { bucketRegions, bucketState, driftBucket } from "../helpers/drift.js";
import { deleteKeys, REDIS_URL } from "./redis-env.js";
import { startWorker, stopAll } from "./processes.js";
import { until } from "../helpers/until.js";

const INTENT = "Ensure all AWS cloud storage buckets are private and encrypted.";

let ws: CliWorkspace | undefined;
let prefix = "";
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  await stopAll();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  ws?.cleanup();
  if (prefix) await deleteKeys(prefix);
});

/** A fresh PostgreSQL schema for a shared store, dropped after the test. */
function sharedStore(): Record<string, string> {
  const schema = `agpm_crash_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  cleanups.push(async () => {
    const client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    await client.query(`drop schema if exists "${schema}" cascade`);
    await client.end();
  });
  return { AGPM_DATABASE_URL: testDatabaseUrl(), AGPM_DATABASE_SCHEMA: schema };
}

describe("a worker killed with SIGKILL in the middle of a sweep", () => {
  it("is replaced by another worker that finishes the job: no finding lost, no change applied or audited twice", async () => {
    prefix = `agpm-test-${randomUUID()}`;
    // Workers share a PostgreSQL store, as in production; a dead worker's jobs come back after 2 s instead of 30.
    const env = { REDIS_URL, AGPM_QUEUE_PREFIX: prefix, AGPM_ACTOR: "secops", NO_COLOR: "1", AGPM_WORKER_LOCK_MS: "2000", ...sharedStore() };
    ws = createWorkspace(env);
    expect((await ws.run("sandbox", "init")).code).toBe(0);
    const first = await ws.run("run", INTENT, "--apply", "--yes", "--max-changes", "100", "--json");
    expect(first.code, first.stderr).toBe(0);
    const policyId = first.json<{ policy: { id: string } }>().policy.id;

    const regions = bucketRegions(ws.sandboxFile);
    for (const name of regions.keys()) driftBucket(ws.sandboxFile, (b) => b.Name === name);

    const producer = openSweepsQueue({ url: REDIS_URL, prefix });
    cleanups.push(() => producer.close());
    // Every API call takes 150 ms, so remediating ten buckets takes a few seconds: time to die.
    const { jobId } = await requestSweep(producer.queue, {
      options: { target: { type: "sandbox", file: ws.sandboxFile, faults: { latencyMs: 150 } }, apply: true, autoApprove: true, maxChanges: 100, requester: "scheduler" },
    });
    const doomed = await startWorker(ws.dir, env, "--queues", "sweeps", "--concurrency", "4");
    await until("remediation to start", async () => {
      const events = (await ws!.run("audit", "--json")).json<{ events: AuditEvent[] }>().events;
      return events.some((e) => e.result === "applying" && e.actor === "scheduler") ? true : undefined;
    });
    doomed.proc.kill("SIGKILL");
    await doomed.exited;
    const before = (await ws.run("audit", "--json")).json<{ events: AuditEvent[] }>().events.filter((e) => e.actor === "scheduler");
    // The kill really landed half-way: some changes had begun, not all had finished.
    expect(before.filter((e) => e.result === "verified").length).toBeLessThan(regions.size);

    await startWorker(ws.dir, env, "--queues", "sweeps", "--concurrency", "4");
    const result = (await waitForResult(producer.queue, jobId, 60_000)) as SweepResult;
    expect(result.failures).toEqual([]);
    expect(result.runs.map((r) => r.region).sort()).toEqual([...new Set(regions.values())].sort());
    expect(result.runs.every((r) => r.status === "completed" && r.error === null)).toBe(true);

    // Every bucket is fixed in the account.
    for (const name of regions.keys()) expect(bucketState(ws.sandboxFile, name).encryption, name).not.toBeNull();

    // Each change was begun once and verified once: no duplicate audit, no double application.
    const events = (await ws.run("audit", "--json")).json<{ events: AuditEvent[] }>().events.filter((e) => e.actor === "scheduler");
    const key = (e: AuditEvent) => `${e.resourceId}|${e.action}`;
    const byKey = new Map<string, string[]>();
    for (const e of events) byKey.set(key(e), [...(byKey.get(key(e)) ?? []), e.result]);
    expect(byKey.size).toBeGreaterThanOrEqual(regions.size);
    for (const [k, results] of byKey) expect(results.sort(), k).toEqual(["applying", "verified"]);
    expect(new Set(events.map((e) => e.dedupeKey)).size).toBe(events.length);

    // No finding lost: each run stored its findings, and the history saw every bucket drift and get fixed.
    for (const run of result.runs) {
      const findings = (await ws.run("findings", "--run", run.runId, "--all", "--json")).json<{ findings: unknown[] }>().findings;
      expect(findings.length, run.runId).toBeGreaterThan(0);
    }
    const changes = (await ws.run("drift", "--policy", policyId, "--json")).json<{ changes: FindingChange[] }>().changes;
    for (const name of regions.keys()) {
      const mine = changes.filter((c) => c.resourceId === name).map((c) => c.change);
      expect(mine, name).toContain("drift");
      expect(mine, name).toContain("remediated");
    }
    expect((await ws.run("drift", "--failing", "--json")).json<{ failing: unknown[] }>().failing).toEqual([]);
  }, 120_000);
});

/** A private redis-server with an append-only file, so a restart keeps the queue — as in production. */
async function privateRedis(): Promise<{ url: string; start(): Promise<void>; kill(): Promise<void> }> {
  const port = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
  const dir = mkdtempSync(join(tmpdir(), "agpm-redis-"));
  let proc: ChildProcess | undefined;
  const api = {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      proc = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--maxmemory-policy", "noeviction"], { stdio: "ignore" });
      await until("redis to answer", async () => {
        const probe = new Redis(api.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
        probe.on("error", () => undefined);
        try {
          await probe.connect();
          return (await probe.ping()) === "PONG" ? true : undefined;
        } finally {
          probe.disconnect();
        }
      }, 10_000);
    },
    async kill() {
      const running = proc;
      if (!running || running.exitCode !== null) return;
      await new Promise((resolve) => {
        running.once("exit", resolve);
        running.kill("SIGKILL");
      });
    },
  };
  cleanups.push(async () => {
    await api.kill();
    rmSync(dir, { recursive: true, force: true });
  });
  return api;
}

describe("Redis restarted under load", () => {
  it("workers reconnect and carry on; every queued job completes", async () => {
    const redis = await privateRedis();
    await redis.start();
    prefix = "";
    const env = { REDIS_URL: redis.url, AGPM_ACTOR: "secops", NO_COLOR: "1", AGPM_WORKER_LOCK_MS: "2000" };
    ws = createWorkspace(env);
    expect((await ws.run("sandbox", "init")).code).toBe(0);
    const worker = await startWorker(ws.dir, env, "--queues", "intents", "--concurrency", "2");

    const producer = openIntentsQueue({ url: redis.url });
    const total = 16;
    const ids: string[] = [];
    for (let i = 0; i < total; i++) {
      const { jobId } = await submitIntent(producer.queue, { intent: INTENT, options: { target: { type: "sandbox", file: ws.sandboxFile }, requester: `team-${i}` } }, { name: "check" });
      ids.push(jobId);
    }
    await producer.close();
    const counts = async () => {
      const probe = openIntentsQueue({ url: redis.url });
      try {
        return await probe.queue.getJobCounts("completed", "failed", "waiting", "active");
      } finally {
        await probe.close();
      }
    };
    const atKill = await until("a few jobs to complete", async () => {
      const c = await counts();
      return c.completed! >= 2 ? c : undefined;
    });
    // Killed under load: jobs are still waiting or running.
    expect(atKill.completed).toBeLessThan(total);
    await redis.kill();
    await new Promise((r) => setTimeout(r, 1_000));
    await redis.start();

    const done = await until("every job to complete", async () => {
      const c = await counts();
      return c.completed! + c.failed! === total ? c : undefined;
    }, 90_000);
    expect(done).toMatchObject({ completed: total, failed: 0 });
    expect(worker.proc.exitCode).toBeNull();
    const check = openIntentsQueue({ url: redis.url });
    try {
      for (const id of ids) {
        const report = await waitForResult(check.queue, id, 5_000);
        expect(report.command).toBe("check");
        expect(report.summary.resources).toBeGreaterThan(0);
      }
    } finally {
      await check.close();
    }
  }, 150_000);
});
