// Replay protection: a signed request is accepted once. Its signature is remembered for as long
// as its timestamp could still pass (the ±5 minute window, both sides), in Redis when the intents
// queue has one so that every server behind a load balancer shares the memory.
import type { IntentsQueue } from "../client/producer.js";
import { connectionOf, prefixOf, type RedisClient } from "../client/connection.js";
import { SIGNATURE_TOLERANCE_SECONDS } from "./verify.js";

/** Long enough to outlive any timestamp the signature check still accepts. */
export const REPLAY_MEMORY_SECONDS = 2 * SIGNATURE_TOLERANCE_SECONDS + 60;

export interface ReplayGuard {
  /** True the first time a signature is presented; false for every later presentation. */
  firstSeen(signature: string): Promise<boolean>;
}

/** One process's memory; enough for a single server. */
export function memoryReplayGuard(now: () => number = Date.now): ReplayGuard {
  const seen = new Map<string, number>();
  return {
    async firstSeen(signature) {
      const at = now();
      for (const [key, expires] of seen) if (expires <= at) seen.delete(key);
      if (seen.has(signature)) return false;
      seen.set(signature, at + REPLAY_MEMORY_SECONDS * 1000);
      return true;
    },
  };
}

/** Shared by every server on the same Redis and queue prefix. */
export function redisReplayGuard(redis: RedisClient, keyPrefix: string): ReplayGuard {
  return {
    async firstSeen(signature) {
      // SET NX is atomic: of two servers given the same request, exactly one wins.
      const set = await redis.set(`${keyPrefix}:slack:seen:${signature}`, "1", "EX", REPLAY_MEMORY_SECONDS, "NX");
      return set === "OK";
    },
  };
}

/** The intents queue's Redis when it has one (openIntentsQueue gives it one), else this process's memory. */
export function replayGuardFor(queue: IntentsQueue): ReplayGuard {
  const connection = connectionOf(queue);
  return connection ? redisReplayGuard(connection, prefixOf(queue)) : memoryReplayGuard();
}
