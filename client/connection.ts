// One place that builds Redis connections for queues and workers, so every process
// agrees on the key prefix and on the settings BullMQ needs — on a single Redis and on a
// Redis Cluster (redis+cluster:// URLs) alike.
import { Cluster, Redis, type ClusterOptions, type RedisOptions } from "ioredis";
import { AgpmError, errorMessage } from "../core/errors.js";
import { assertClusterPrefix, defaultQueuePrefix, isClusterUrl } from "../core/config.js";

/** Key prefix of every agpm queue on a single Redis; tests pass a unique one so runs never share keys. */
export const DEFAULT_QUEUE_PREFIX = "agpm";

/** A connection to a single Redis or to a Redis Cluster: agpm's code works with either. */
export type RedisClient = Redis | Cluster;

export interface QueueConnectionSettings {
  /**
   * redis:// or rediss:// URL (config.redisUrl, from REDIS_URL); on Redis Cluster
   * redis+cluster://[user:password@]host:port,host:port (rediss+cluster:// for TLS).
   */
  url: string;
  /** Namespaces the queue keys; "agpm" by default, "{agpm}" on Redis Cluster, where it must hold a hash tag. */
  prefix?: string;
}

export interface ClusterUrl {
  nodes: Array<{ host: string; port: number }>;
  /** Credentials and TLS, the same for every node of a cluster. */
  redisOptions: Pick<RedisOptions, "username" | "password" | "tls">;
}

/**
 * Reads redis+cluster://[user:password@]host:port,host:port[/]: the seed nodes (any reachable
 * one is enough; ioredis learns the rest from CLUSTER SLOTS), and the credentials every node shares.
 * @throws AgpmError CONFIG_INVALID for a URL that is not of that form.
 */
export function parseClusterUrl(url: string): ClusterUrl {
  const match = /^(rediss?)\+cluster:\/\/(?:([^@/]*)@)?([^/?#@]+)\/?$/.exec(url);
  if (!match) throw new AgpmError("CONFIG_INVALID", `"${redactRedisUrl(url)}" is not a Redis Cluster URL (redis+cluster://[user:password@]host:port,host:port)`);
  const [, scheme, auth, hosts = ""] = match;
  const nodes = hosts.split(",").map((entry) => {
    const node = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(entry.trim());
    if (!node?.[1]) throw new AgpmError("CONFIG_INVALID", `"${entry}" in ${redactRedisUrl(url)} is not host:port`);
    return { host: node[1].replace(/^\[|\]$/g, ""), port: Number(node[2] ?? 6379) };
  });
  const redisOptions: ClusterUrl["redisOptions"] = {};
  if (auth !== undefined) {
    const colon = auth.indexOf(":");
    const username = decodeURIComponent(colon < 0 ? auth : auth.slice(0, colon));
    if (username !== "") redisOptions.username = username;
    if (colon >= 0) redisOptions.password = decodeURIComponent(auth.slice(colon + 1));
  }
  if (scheme === "rediss") redisOptions.tls = {};
  return { nodes, redisOptions };
}

/**
 * How a connection behaves when Redis is away:
 * - "worker": Workers and QueueEvents block on Redis and must never give up on a command
 *   (BullMQ requires maxRetriesPerRequest: null); they reconnect for ever.
 * - "producer": fails fast, so `agpm submit` reports an unreachable Redis rather than hanging.
 * - "server": a long-lived server's side connection (rate-limit counters): commands fail at once
 *   while disconnected, rather than queueing behind a request, and it keeps reconnecting in the background.
 */
export type ConnectionRole = "worker" | "producer" | "server";

const ROLE_OPTIONS: Record<ConnectionRole, RedisOptions> = {
  worker: { maxRetriesPerRequest: null },
  // A few quick tries, then give up: the caller reports it (see assertReachable).
  producer: { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 5_000, retryStrategy: (times) => (times > 3 ? null : times * 200) },
  server: { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 5_000, lazyConnect: true },
};

/** The same roles for a cluster: ioredis keeps offline queueing, laziness and reconnecting at the cluster level. */
function clusterOptions(role: ConnectionRole, redisOptions: RedisOptions): ClusterOptions {
  const { enableOfflineQueue, lazyConnect, retryStrategy, ...perNode } = ROLE_OPTIONS[role];
  return {
    redisOptions: { ...redisOptions, ...perNode },
    ...(enableOfflineQueue === undefined ? {} : { enableOfflineQueue }),
    ...(lazyConnect === undefined ? {} : { lazyConnect }),
    ...(retryStrategy === undefined ? {} : { clusterRetryStrategy: (times: number) => retryStrategy(times) ?? null }),
  };
}

/** A new connection to the Redis (or Redis Cluster) the URL names, behaving as `role` says. */
export function createRedisConnection(url: string, role: ConnectionRole): RedisClient {
  let connection: RedisClient;
  if (isClusterUrl(url)) {
    const { nodes, redisOptions } = parseClusterUrl(url);
    connection = new Cluster(nodes, clusterOptions(role, redisOptions));
  } else {
    connection = new Redis(url, ROLE_OPTIONS[role]);
  }
  // Connection trouble surfaces through assertReachable and the failing call, not as console noise.
  if (role !== "worker") connection.on("error", () => undefined);
  return connection;
}

/**
 * Another connection to the same Redis for a blocking reader (QueueEvents): it never gives up
 * on a command and queues commands while reconnecting, whatever the original's role.
 */
export function duplicateForBlocking(connection: RedisClient): RedisClient {
  if (connection instanceof Cluster) {
    const { redisOptions = {} } = connection.options;
    return connection.duplicate([], {
      enableOfflineQueue: true,
      // ioredis's default: keep trying to reach the cluster, backing off up to 2 s.
      clusterRetryStrategy: (times: number) => Math.min(100 + times * 2, 2_000),
      redisOptions: { ...redisOptions, maxRetriesPerRequest: null },
    });
  }
  return connection.duplicate({ maxRetriesPerRequest: null, enableOfflineQueue: true });
}

/** The connection a queue was opened with (openIntentsQueue and openSweepsQueue give each its own). */
export function connectionOf(queue: { opts: { connection?: unknown } }): RedisClient | null {
  const connection = queue.opts.connection;
  return connection instanceof Redis || connection instanceof Cluster ? connection : null;
}

/** The key prefix a queue was opened with, for keys that live beside the queue's own (same hash slot on a cluster). */
export function prefixOf(queue: { qualifiedName: string; name: string }): string {
  return queue.qualifiedName.slice(0, -(queue.name.length + 1));
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
export async function assertReachable(connection: RedisClient, url: string): Promise<void> {
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

/**
 * The prefix the queues use: the one given, else "agpm" ("{agpm}" on a cluster).
 * @throws AgpmError CONFIG_INVALID for a cluster prefix without a hash tag.
 */
export function queuePrefix(settings: QueueConnectionSettings): string {
  const prefix = settings.prefix ?? defaultQueuePrefix(settings.url);
  assertClusterPrefix(settings.url, prefix);
  return prefix;
}
