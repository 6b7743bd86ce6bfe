// agpm on a real three-node Redis Cluster (started here on loopback): intents submitted through
// the public client and a fanned-out sweep with a run lock, worked by two "machines" — each its
// own cluster connections and its own store connection to one PostgreSQL schema.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Queue } from "bullmq";
import type { Cluster } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openIntentsQueue, openSweepsQueue, requestSweep, submitIntent, waitForResult } from "../../client/producer.js";
import { createRedisConnection, type RedisClient } from "../../client/connection.js";
import type { SweepResult } from "../../contracts/sweeps-queue.js";
import type { Target } from "../../contracts/target.js";
import { createOfflineTranslator } from "../../agents/translator/offline.js";
import type { GraphDeps } from "../../graphs/deps.js";
import { startRun } from "../../graphs/runner.js";
import { openSession } from "../../engine/registry.js";
import { openStore, type Store } from "../../store/index.js";
import { generateDemoAccount, writeSandboxFile } from "../../tools/aws/sandbox/index.js";
import { openRateLimitRedis } from "../../api/rate-limit-redis.js";
import { redisReplayGuard } from "../../slack/replay.js";
import { createIntentProcessor, startIntentWorker } from "../../workers/intents-worker.js";
import { createSweepProcessor, startSweepWorker } from "../../workers/sweeps-worker.js";
import { runLockKey } from "../../workers/run-lock.js";
import { tempLocation, type TempLocation } from "../store/helpers.js";
import { startLocalCluster, type LocalCluster } from "./redis-cluster.js";
import { S3_INTENT } from "./sweep-env.js";

let cluster: LocalCluster;
let db: TempLocation;
let sandboxDir: string;
let target: Target;
let admin: Cluster;
const closing: Array<() => Promise<unknown> | void> = [];

beforeAll(async () => {
  cluster = await startLocalCluster();
  db = tempLocation("postgres");
  sandboxDir = mkdtempSync(join(tmpdir(), "agpm-cluster-"));
  const sandboxFile = join(sandboxDir, "sandbox.json");
  writeSandboxFile(sandboxFile, generateDemoAccount());
  target = { type: "sandbox", file: sandboxFile };
  admin = createRedisConnection(cluster.url, "worker") as Cluster;
}, 90_000);

afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close();
});

afterAll(async () => {
  admin?.disconnect();
  await cluster?.stop();
  await db?.cleanup();
  if (sandboxDir) rmSync(sandboxDir, { recursive: true, force: true });
});

/** One worker machine: its own connection to the shared store, the shared sandbox account. */
async function machine(): Promise<{ store: Store; deps: GraphDeps }> {
  const store = await openStore(db.location);
  closing.push(() => store.close());
  const deps: GraphDeps = {
    store,
    translators: { offline: createOfflineTranslator() },
    openTarget: (t) => openSession(t, { retry: { baseDelayMs: 1, maxDelayMs: 5 } }),
    now: () => new Date(),
  };
  return { store, deps };
}

const DEFAULTS = { maxChanges: 10, maxTranslationAttempts: 3, translator: "offline" } as const;

/** Every key under the prefix, per master node: a hash-tagged prefix keeps them all on one. */
async function keysPerMaster(prefix: string): Promise<number[]> {
  return Promise.all(admin.nodes("master").map(async (node) => (await node.keys(`${prefix}*`)).length));
}

describe("on a three-node Redis Cluster", () => {
  it("is a real cluster: three masters share the slots", async () => {
    const slots = (await admin.cluster("SLOTS")) as unknown[];
    expect(slots).toHaveLength(3);
    expect(admin.nodes("master")).toHaveLength(3);
  });

  it("runs an intent submitted through the public client, and another machine reads the run from PostgreSQL", async () => {
    const prefix = `{agpm-test-${randomUUID()}}`;
    const [a, b] = [await machine(), await machine()];
    const worker = startIntentWorker(createIntentProcessor(a.deps, a.store.checkpointer, DEFAULTS), { url: cluster.url, prefix });
    closing.push(() => worker.close());
    const producer = openIntentsQueue({ url: cluster.url, prefix });
    closing.push(() => producer.close());
    await producer.ready();
    const { jobId } = await submitIntent(producer.queue, { intent: "Ensure all S3 buckets are encrypted", options: { target, requester: "alice" } }, { name: "check" });
    const report = await waitForResult(producer.queue, jobId, 30_000);
    expect(report.command).toBe("check");
    expect(report.error).toBeNull();
    expect(report.summary.resources).toBeGreaterThan(0);
    expect((await b.store.runs.getRun(report.runId))?.actor).toBe("alice");
    // Every key of the queue hashed to one slot, so one master holds them all.
    const counts = await keysPerMaster(prefix);
    expect(counts.filter((n) => n > 0)).toHaveLength(1);
  });

  it("fans a sweep out across two machines' workers, folds the (policy, region) another job holds, and releases its own locks", async () => {
    const prefix = `{agpm-test-${randomUUID()}}`;
    const machines = [await machine(), await machine()];
    const [a, b] = machines as [Awaited<ReturnType<typeof machine>>, Awaited<ReturnType<typeof machine>>];
    const { report: published } = await startRun(a.deps, a.store.checkpointer, {
      intent: S3_INTENT,
      options: { command: "run", apply: true, autoApprove: true, maxChanges: 100, maxTranslationAttempts: 3, actor: "tester", target },
    });
    expect(published.status).toBe("completed");
    const policyId = published.policy?.id ?? "";
    for (const m of machines) {
      const children = openSweepsQueue({ url: cluster.url, prefix }, "worker");
      const worker = startSweepWorker(createSweepProcessor(m.deps, m.store.checkpointer, children.queue, { maxChanges: 10, maxTranslationAttempts: 3 }), { url: cluster.url, prefix, concurrency: 2 });
      closing.push(() => children.close(), () => worker.close());
    }
    // Another job is sweeping the policy in us-east-1 of this account.
    const opened = await a.deps.openTarget(target);
    const root = opened.root();
    const regions = [...opened.partitions()];
    opened.close();
    expect(regions.length).toBeGreaterThan(1);
    const held = runLockKey(prefix, policyId, { partition: "us-east-1", root });
    await admin.set(held, "other-job", "PX", 60_000);
    const producer = openSweepsQueue({ url: cluster.url, prefix });
    closing.push(() => producer.close());
    await producer.ready();
    const { jobId } = await requestSweep(producer.queue, { options: { target, apply: false, requester: "scheduler" } });
    const result = (await waitForResult(producer.queue, jobId, 60_000)) as SweepResult;
    expect(result.failures).toEqual([]);
    expect(result.folded).toEqual([{ policyId, region: "us-east-1", root, jobId: "other-job" }]);
    // One child per region: the held one folded, every other one run.
    expect(["us-east-1", ...result.runs.map((r) => r.region)].sort()).toEqual([...regions].sort());
    expect(result.runs.every((r) => r.status === "completed" && r.policyId === policyId)).toBe(true);
    // The runs' own locks are gone; the other job's is untouched — and in the queue's slot.
    for (const r of result.runs) expect(await admin.get(runLockKey(prefix, policyId, { partition: r.region, root }))).toBeNull();
    expect(await admin.get(held)).toBe("other-job");
    expect(await admin.cluster("KEYSLOT", held)).toBe(await admin.cluster("KEYSLOT", `${prefix}:sweeps:meta`));
    // Whichever machine ran a child, the run is in the shared store.
    for (const r of result.runs) expect((await b.store.runs.getRun(r.runId))?.kind).toBe("sweep");
    expect((await keysPerMaster(prefix)).filter((n) => n > 0)).toHaveLength(1);
  });

  it("keeps agpm serve's rate-limit counters and Slack replay memory on the cluster", async () => {
    const prefix = `{agpm-test-${randomUUID()}}`;
    const limiter = await openRateLimitRedis(cluster.url, prefix);
    closing.push(() => limiter.close());
    const guard = redisReplayGuard(limiter.store.client, prefix);
    expect(await guard.firstSeen("v0=abc")).toBe(true);
    expect(await guard.firstSeen("v0=abc")).toBe(false);
    expect(limiter.store.nameSpace).toBe(`${prefix}:rate-limit:`);
  });

  it("names the queues {agpm} by default, and refuses a prefix without a hash tag — which BullMQ's scripts could not use", async () => {
    const producer = openIntentsQueue({ url: cluster.url });
    closing.push(() => producer.close());
    expect(producer.queue.qualifiedName).toBe("{agpm}:intents");
    expect(() => openIntentsQueue({ url: cluster.url, prefix: "agpm" })).toThrow(/has no hash tag/);
    // Why: without a hash tag the keys of one job spread over slots and Redis refuses the script.
    const connection: RedisClient = createRedisConnection(cluster.url, "worker");
    const untagged = new Queue("intents", { connection, prefix: `agpm-test-${randomUUID()}` });
    untagged.on("error", () => undefined);
    closing.push(() => connection.disconnect(), () => untagged.close());
    await expect(untagged.add("check", {})).rejects.toThrow(/CROSSSLOT/);
  });
});
