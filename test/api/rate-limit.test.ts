// Rate limits across replicas: two API servers on one store and one Redis share each token's
// counter (what `agpm serve` does); without Redis each server counts alone, in memory.
import { afterEach, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { buildServer, openRateLimitRedis, type RateLimitOptions, type RateLimitRedis } from "../../api/index.js";
import { createLogger, createMetrics } from "../../observability/index.js";
import { createApiEnv, type ApiEnv } from "./api-env.js";
import { REDIS_URL } from "../workers/redis-env.js";

let env: ApiEnv | undefined;
let first: FastifyInstance | undefined;
let replica: FastifyInstance | undefined;
let limiter: RateLimitRedis | undefined;
afterEach(async () => {
  await first?.close();
  await replica?.close();
  limiter?.close();
  await env?.close();
  env = first = replica = limiter = undefined;
});

/** A second server on the first one's store and queue, as a replica behind a load balancer. */
async function replicaOf(e: ApiEnv, rateLimit: RateLimitOptions): Promise<FastifyInstance> {
  const deps = { store: e.graph.store, intents: e.producer.queue, target: e.graph.options().target, metrics: createMetrics(), logger: createLogger({ level: "silent" }) };
  return buildServer(deps, { rateLimit });
}

async function statusOn(server: FastifyInstance, token: string): Promise<number> {
  return (await server.inject({ method: "GET", url: "/v1/policies", headers: { authorization: `Bearer ${token}` } })).statusCode;
}

describe("when two servers share Redis", () => {
  it("counts a token's requests to both against one limit", async () => {
    env = await createApiEnv({ rateLimit: false });
    // Under the test's unique queue prefix, so env.close() removes the counters too.
    limiter = await openRateLimitRedis(REDIS_URL, env.prefix);
    const shared: RateLimitOptions = { max: 3, windowMs: 60_000, redis: limiter.store };
    first = await replicaOf(env, shared);
    replica = await replicaOf(env, shared);
    const token = env.tokens.viewer;

    expect([await statusOn(first, token), await statusOn(first, token)]).toEqual([200, 200]);
    // The replica sees the first server's two requests: one more is allowed, then 429.
    expect([await statusOn(replica, token), await statusOn(replica, token)]).toEqual([200, 429]);
    expect(await statusOn(first, token)).toBe(429);
    // Another token has its own counter.
    expect(await statusOn(replica, env.tokens.author)).toBe(200);
    const keys = await limiter.store.client.keys(`${env.prefix}:rate-limit:*`);
    expect(keys.length).toBeGreaterThan(0);
  });
});

describe("when a server has no Redis for its counters", () => {
  it("counts in its own memory, so each server allows the full limit", async () => {
    env = await createApiEnv({ rateLimit: { max: 2, windowMs: 60_000 } });
    replica = await replicaOf(env, { max: 2, windowMs: 60_000 });
    const token = env.tokens.viewer;
    expect([await statusOn(env.server, token), await statusOn(env.server, token), await statusOn(env.server, token)]).toEqual([200, 200, 429]);
    expect([await statusOn(replica, token), await statusOn(replica, token)]).toEqual([200, 200]);
  });
});
