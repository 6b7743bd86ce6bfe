// The Redis connection `agpm serve` keeps its rate-limit counters on, so every replica behind a
// load balancer counts against the same limit.
import { Redis } from "ioredis";
import { assertReachable } from "../client/connection.js";
import type { RateLimitOptions } from "./deps.js";

export interface RateLimitRedis {
  store: NonNullable<RateLimitOptions["redis"]>;
  close(): void;
}

/**
 * Connects (failing with QUEUE_UNAVAILABLE when Redis is not there) and names the counters'
 * keys under the queue prefix. Commands fail at once while disconnected, rather than queueing
 * behind a request, and the connection keeps retrying in the background.
 * @example const limiter = await openRateLimitRedis(config.redisUrl, config.queuePrefix);
 */
export async function openRateLimitRedis(url: string, prefix: string): Promise<RateLimitRedis> {
  const client = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 5_000, lazyConnect: true });
  // Outages surface as unlimited requests (skipOnError) and in the queue routes' 503s, not as log noise.
  client.on("error", () => undefined);
  try {
    await assertReachable(client, url);
  } catch (error) {
    client.disconnect();
    throw error;
  }
  return { store: { client, nameSpace: `${prefix}:rate-limit:` }, close: () => client.disconnect() };
}
