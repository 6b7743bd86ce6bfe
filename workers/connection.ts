// One place that builds Redis connections for queues and workers, so every process
// agrees on the key prefix and on the settings BullMQ needs.
import { Redis } from "ioredis";

/** Key prefix of every agpm queue; tests pass a unique one so runs never share keys. */
export const DEFAULT_QUEUE_PREFIX = "agpm";

export interface QueueConnectionSettings {
  /** redis:// or rediss:// URL (config.redisUrl, from REDIS_URL). */
  url: string;
  /** Namespaces the queue keys; wrap in braces ("{agpm}") on Redis Cluster. */
  prefix?: string;
}

/**
 * A new ioredis connection. Workers and QueueEvents block on Redis and must never give up
 * on a command (BullMQ requires maxRetriesPerRequest: null); producers fail fast instead,
 * so `agpm submit` reports an unreachable Redis rather than hanging.
 */
export function createRedisConnection(url: string, role: "worker" | "producer"): Redis {
  return role === "worker"
    ? new Redis(url, { maxRetriesPerRequest: null })
    : new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 5_000 });
}

export function queuePrefix(settings: QueueConnectionSettings): string {
  return settings.prefix ?? DEFAULT_QUEUE_PREFIX;
}
