// A real Redis-backed sweeps queue under a unique key prefix, a graph environment with a
// published enforce-mode policy, and sweep workers — torn down (keys included) after each test.
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { startRun } from "../../graphs/runner.js";
import { openSweepsQueue, type SweepsProducer } from "../../client/producer.js";
import type { SweepJobInput, SweepJobResult } from "../../contracts/sweeps-queue.js";
import { createSweepProcessor, startSweepWorker } from "../../workers/sweeps-worker.js";
import type { RunningWorker } from "../../workers/start-worker.js";
import { createGraphEnv, type GraphEnv } from "../helpers/graph.js";
import { deleteKeys, REDIS_URL } from "./redis-env.js";

export const S3_INTENT = "Ensure all AWS cloud storage buckets are private and encrypted.";

export interface SweepEnv {
  prefix: string;
  graph: GraphEnv;
  producer: SweepsProducer;
  policyId: string;
  startWorker(concurrency?: number): RunningWorker<SweepJobResult>;
  request(overrides?: Partial<SweepJobInput["options"]>, policyIds?: string[]): SweepJobInput;
  close(): Promise<void>;
}

export async function createSweepEnv(): Promise<SweepEnv> {
  const prefix = `agpm-test-${randomUUID()}`;
  const graph = await createGraphEnv();
  const { report } = await startRun(graph.deps, graph.store.checkpointer, {
    intent: S3_INTENT, options: graph.options({ command: "run", apply: true, autoApprove: true, maxChanges: 100 }),
  });
  expect(report.status).toBe("completed");
  const producer = openSweepsQueue({ url: REDIS_URL, prefix });
  const workerQueues: SweepsProducer[] = [];
  const workers: Array<RunningWorker<SweepJobResult>> = [];
  return {
    prefix,
    graph,
    producer,
    policyId: report.policy?.id ?? "",
    startWorker(concurrency = 1) {
      const children = openSweepsQueue({ url: REDIS_URL, prefix }, "worker");
      workerQueues.push(children);
      const processor = createSweepProcessor(graph.deps, graph.store.checkpointer, children.queue, { maxChanges: 10, maxTranslationAttempts: 3 });
      const worker = startSweepWorker(processor, { url: REDIS_URL, prefix, concurrency });
      workers.push(worker);
      return worker;
    },
    request: (overrides = {}, policyIds) => ({
      options: { target: graph.options().target, apply: true, requester: "scheduler", ...overrides },
      ...(policyIds ? { policyIds } : {}),
    }),
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all(workerQueues.map((q) => q.close()));
      await producer.close();
      await deleteKeys(prefix);
      await graph.close();
    },
  };
}
