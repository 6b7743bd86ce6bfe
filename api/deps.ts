// What the HTTP API is built from: the store, the intents queue and the account it works on,
// created by the caller (`agpm serve`, a test) and passed in; routes never open their own.
import type { Logger, Metrics } from "../observability/index.js";
import type { Store } from "../store/index.js";
import type { Target } from "../contracts/target.js";
import type { IntentsQueue } from "../client/producer.js";
import type { RedisClient } from "../client/connection.js";

export interface ApiDeps {
  store: Store;
  /** Intents and approval decisions are enqueued here; workers carry them out. */
  intents: IntentsQueue;
  /** The account intents run against: the server's, never one a request names. */
  target: Target;
  /** Served at /metrics, with the API's request counters added. */
  metrics: Metrics;
  logger: Logger;
}

export interface ServerOptions {
  /** Largest request body; bigger ones get 413. Default 64 KiB. */
  bodyLimitBytes?: number;
  /** Requests per window per token (per address before authentication); false turns limiting off. Default 300 a minute. */
  rateLimit?: RateLimitOptions | false;
}

export interface RateLimitOptions {
  max: number;
  windowMs: number;
  /**
   * Counters in Redis, shared by every server on it (replicas behind a load balancer); this
   * process's memory when absent. `agpm serve` passes one (see openRateLimitRedis).
   */
  redis?: { client: RedisClient; nameSpace: string };
}

export const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024;
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { max: 300, windowMs: 60_000 };
