// A real Redis-backed intents queue under a unique key prefix, plus a graph environment,
// torn down (keys included) after each test.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { openIntentsQueue, type IntentsProducer } from "../../client/producer.js";
import { createIntentProcessor, startIntentWorker } from "../../workers/intents-worker.js";
import type { RunningWorker } from "../../workers/start-worker.js";
import type { IntentJobResult } from "../../contracts/intents-queue.js";
import { createGraphEnv, type GraphEnv } from "../helpers/graph.js";
import type { SandboxFaults } from "../../tools/aws/sandbox/index.js";

export const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

export interface QueueEnv {
  prefix: string;
  graph: GraphEnv;
  producer: IntentsProducer;
  startWorker(concurrency?: number): RunningWorker<IntentJobResult>;
  close(): Promise<void>;
}

export async function createQueueEnv(settings: { faults?: SandboxFaults } = {}): Promise<QueueEnv> {
  const prefix = `agpm-test-${randomUUID()}`;
  const graph = await createGraphEnv(settings);
  const producer = openIntentsQueue({ url: REDIS_URL, prefix });
  const workers: Array<RunningWorker<IntentJobResult>> = [];
  const processor = createIntentProcessor(graph.deps, graph.store.checkpointer, { maxChanges: 10, maxTranslationAttempts: 3, translator: "offline" });
  return {
    prefix,
    graph,
    producer,
    startWorker(concurrency = 1) {
      const worker = startIntentWorker(processor, { url: REDIS_URL, prefix, concurrency });
      workers.push(worker);
      return worker;
    },
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await producer.close();
      await deleteKeys(prefix);
      await graph.close();
    },
  };
}

export async function deleteKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}
