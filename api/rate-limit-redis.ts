// The Redis connection `agpm serve` keeps its rate-limit counters on, so every replica behind a
// load balancer counts against the same limit.
import { assertReachable, createRedisConnection } from "../client/connection.js";
import type { RateLimitOptions } from "./deps.js";

export interface RateLimitRedis {
  store: NonNullable<RateLimitOptions["redis"]>;
  close(): void;
}

/**
 * Connects (failing with QUEUE_UNAVAILABLE when Redis is not there) and names the counters'
 * keys under the queue prefix (each counter is one key, so a Redis Cluster serves them too). Commands fail at once while disconnected, rather than queueing
 * behind a request, and the connection keeps retrying in the background.
 * @example const limiter = await openRateLimitRedis(config.redisUrl, config.queuePrefix);
 */
export async function openRateLimitRedis(url: string, prefix: string): Promise<RateLimitRedis> {
  // Outages surface as unlimited requests (skipOnError) and in the queue routes' 503s, not as log noise.
  const client = createRedisConnection(url, "server");
  try {
    await assertReachable(client, url);
  } catch (error) {
    client.disconnect();
    throw error;
  }
  return { store: { client, nameSpace: `${prefix}:rate-limit:` }, close: () => client.disconnect() };
}
