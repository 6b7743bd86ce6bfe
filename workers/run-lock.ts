// One run per policy and location (root and partition; AWS: account and region) at a time, across
// every worker: a Redis lock owned by the job running it, renewed while it runs, and expiring on its
// own when the worker dies — by then BullMQ hands the job (same id, so the same owner) to another
// worker, which takes over. Every command names the one lock key, so it works on Redis Cluster too.
import type { RedisClient } from "../client/connection.js";

export interface HeldLock {
  held: true;
  release(): Promise<void>;
}
export interface BusyLock {
  held: false;
  /** The job that holds it. */
  holder: string;
}

const EXTEND = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("PEXPIRE", KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) else return 0 end`;

/** Two accounts (roots) sweeping the same region are different runs; an unknown root is "-". */
export function runLockKey(prefix: string, policyId: string, where: { partition: string | null; root?: string | undefined }): string {
  return `${prefix}:lock:policy-run:${policyId}:${where.root || "-"}:${where.partition ?? "all"}`;
}

/**
 * Takes the lock for `owner`, or says who holds it. The same owner taking it again (its job
 * retried after a crash) succeeds.
 */
export async function acquireRunLock(redis: RedisClient, key: string, owner: string, ttlMs: number): Promise<HeldLock | BusyLock> {
  const set = await redis.set(key, owner, "PX", ttlMs, "NX");
  if (set !== "OK") {
    const holder = await redis.get(key);
    if (holder !== null && holder !== owner) return { held: false, holder };
    await redis.set(key, owner, "PX", ttlMs);
  }
  const timer = setInterval(() => {
    // A failed renewal (Redis blip) is retried on the next tick; the TTL covers three ticks.
    redis.eval(EXTEND, 1, key, owner, String(ttlMs)).catch(() => undefined);
  }, Math.max(100, Math.floor(ttlMs / 3)));
  timer.unref();
  return {
    held: true,
    async release() {
      clearInterval(timer);
      await redis.eval(RELEASE, 1, key, owner);
    },
  };
}
