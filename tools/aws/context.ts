// What every AWS tool receives: clients, limits, retry policy and a progress sink.
import type { AwsClients } from "./clients.js";
import { createLimiter } from "./limiter.js";
import type { Limiter } from "./limiter.js";
import type { ProgressEvent } from "../../contracts/progress.js";

export type { ProgressEvent };

export interface RetryPolicy {
  /** Total attempts per call, including the first. */
  maxAttempts: number;
  /** First backoff in ms; doubles each attempt, with full jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 5_000 };

/** Default bound on SDK calls in flight at once. */
export const DEFAULT_CONCURRENCY = 8;

export interface AwsContext {
  clients: AwsClients;
  /** Regions to scan; resolved before collection starts. */
  regions: string[];
  /** The account id (STS GetCallerIdentity, or the sandbox's). */
  account: string;
  /** Bounds the SDK calls in flight at once, across all tools sharing this context. */
  limiter: Limiter;
  retry: RetryPolicy;
  onProgress?: (event: ProgressEvent) => void;
  /** The clock collectors read ages from (ageDays, stoppedDays); the system clock when absent. */
  now?: () => Date;
}

export interface AwsContextOptions {
  clients: AwsClients;
  regions: string[];
  account: string;
  /** Most SDK calls in flight at once; default {@link DEFAULT_CONCURRENCY}. */
  concurrency?: number;
  /** Overrides of {@link DEFAULT_RETRY}. */
  retry?: Partial<RetryPolicy>;
  onProgress?: (event: ProgressEvent) => void;
  /** The clock for ages computed at collection time; default the system clock. */
  now?: () => Date;
}

const systemClock = (): Date => new Date();

/** The context's clock, or the system clock. */
export function nowOf(ctx: Pick<AwsContext, "now">): Date {
  return (ctx.now ?? systemClock)();
}

/**
 * Builds a context with its own limiter, so every tool using it shares one concurrency bound.
 * @example const ctx = createAwsContext({ clients, regions: ["us-east-1"], account: "123456789012" });
 */
export function createAwsContext(options: AwsContextOptions): AwsContext {
  const ctx: AwsContext = {
    clients: options.clients,
    regions: [...options.regions],
    account: options.account,
    limiter: createLimiter(options.concurrency ?? DEFAULT_CONCURRENCY),
    retry: { ...DEFAULT_RETRY, ...options.retry },
    now: options.now ?? systemClock,
  };
  if (options.onProgress) ctx.onProgress = options.onProgress;
  return ctx;
}
