// One place that builds Redis connections for queues and workers, so every process
// agrees on the key prefix and on the settings BullMQ needs.
import { Redis } from "ioredis";
import { AgpmError, errorMessage } from "../core/errors.js";

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
  if (role === "worker") return new Redis(url, { maxRetriesPerRequest: null });
  const connection = new Redis(url, {
    maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 5_000,
    // A few quick tries, then give up: the caller reports it (see assertReachable).
    retryStrategy: (times) => (times > 3 ? null : times * 200),
  });
  connection.on("error", () => undefined);
  return connection;
}

/** The URL without a password, for messages. */
export function redactRedisUrl(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, "//***@");
}

/**
 * Fails fast, with one clear message, when Redis is not there — instead of a wall of
 * connection errors or a command that hangs.
 * @throws AgpmError QUEUE_UNAVAILABLE
 */
export async function assertReachable(connection: Redis, url: string): Promise<void> {
  try {
    await Promise.race([
      (async () => {
        if (connection.status === "wait") await connection.connect();
        if (connection.status !== "ready") {
          await new Promise<void>((resolve, reject) => {
            let last: unknown = new Error("connection closed");
            const onError = (error: unknown) => void (last = error);
            connection.on("error", onError);
            connection.once("ready", () => {
              connection.off("error", onError);
              resolve();
            });
            connection.once("end", () => {
              connection.off("error", onError);
              reject(last);
            });
          });
        }
        await connection.ping();
      })(),
      new Promise((_, reject) => setTimeout(() => reject(new Error("no answer within 5 s")), 5_000).unref()),
    ]);
  } catch (error) {
    throw new AgpmError("QUEUE_UNAVAILABLE", `cannot reach Redis at ${redactRedisUrl(url)} (${errorMessage(error)}). Start it (e.g. \`redis-server --daemonize yes\`) or point REDIS_URL at it.`, { cause: error });
  }
}

export function queuePrefix(settings: QueueConnectionSettings): string {
  return settings.prefix ?? DEFAULT_QUEUE_PREFIX;
}
