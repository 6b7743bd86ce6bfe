// A real API server for tests: a graph environment (SQLite store, demo sandbox), the intents
// queue under a unique Redis prefix, an in-process intents worker when asked, and a token per role.
import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { buildServer, type ApiArea, type ServerOptions } from "../../api/index.js";
import { createLogger, createMetrics } from "../../observability/index.js";
import type { TokenRole } from "../../store/index.js";
import { createIntentProcessor, startIntentWorker } from "../../workers/intents-worker.js";
import type { IntentJobResult } from "../../contracts/intents-queue.js";
import { openIntentsQueue, type IntentsProducer } from "../../client/producer.js";
import type { RunningWorker } from "../../workers/start-worker.js";
import { createGraphEnv, type GraphEnv } from "../helpers/graph.js";
import { pollDelay } from "../helpers/until.js";
import { deleteKeys, REDIS_URL } from "../workers/redis-env.js";

export interface ApiEnv {
  server: FastifyInstance;
  graph: GraphEnv;
  producer: IntentsProducer;
  prefix: string;
  /** A bearer secret per role (token names: viewer, author, approver). */
  tokens: Record<TokenRole, string>;
  startWorker(): RunningWorker<IntentJobResult>;
  /** fastify.inject with the role's token (or none), JSON body when given. */
  request(role: TokenRole | null, method: string, url: string, body?: unknown): Promise<ApiResponse>;
  close(): Promise<void>;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, unknown>;
  body: string;
  json<T = Record<string, unknown>>(): T;
}

export async function createApiEnv(options: ServerOptions & { areas?: readonly ApiArea[] } = {}): Promise<ApiEnv> {
  const prefix = `agpm-test-${randomUUID()}`;
  const graph = await createGraphEnv();
  const producer = openIntentsQueue({ url: REDIS_URL, prefix });
  await producer.ready();
  const tokens = {} as Record<TokenRole, string>;
  for (const role of ["viewer", "author", "approver"] as const) {
    tokens[role] = (await graph.store.tokens.createToken({ role, name: role, createdBy: "tester" })).secret;
  }
  const server = await buildServer(
    { store: graph.store, intents: producer.queue, target: graph.options().target, metrics: createMetrics(), logger: createLogger({ level: "silent" }) },
    options,
  );
  const workers: Array<RunningWorker<IntentJobResult>> = [];
  const processor = createIntentProcessor(graph.deps, graph.store.checkpointer, { maxChanges: 10, maxTranslationAttempts: 3, translator: "offline" });
  return {
    server, graph, producer, prefix, tokens,
    startWorker() {
      const worker = startIntentWorker(processor, { url: REDIS_URL, prefix });
      workers.push(worker);
      return worker;
    },
    async request(role, method, url, body) {
      const response = await server.inject({
        method: method as "GET",
        url,
        headers: role ? { authorization: `Bearer ${tokens[role]}` } : {},
        ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
      });
      return { status: response.statusCode, headers: response.headers, body: response.body, json: <T>() => response.json<T>() };
    },
    async close() {
      await server.close();
      await Promise.all(workers.map((w) => w.close()));
      await producer.close();
      await deleteKeys(prefix);
      await graph.close();
    },
  };
}

/** Polls `read` until `done` holds (or fails the test after `timeoutMs`). */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value).slice(0, 500)}`);
    await pollDelay(attempt, 100);
  }
}
