// What every AWS tool receives: clients, limits, retry policy and a progress sink.
import type { AwsClients } from "./clients.js";

export interface RetryPolicy {
  /** Total attempts per call, including the first. */
  maxAttempts: number;
  /** First backoff in ms; doubles each attempt, with full jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 5_000 };

export type ProgressEvent =
  | { type: "collect-start"; kind: string; region: string }
  | { type: "collect-done"; kind: string; region: string; count: number }
  | { type: "throttled"; command: string; attempt: number; delayMs: number };

export interface AwsContext {
  clients: AwsClients;
  /** Regions to scan; resolved before collection starts. */
  regions: string[];
  /** The account id (STS GetCallerIdentity, or the sandbox's). */
  account: string;
  /** Most SDK calls in flight at once, across all tools. */
  concurrency: number;
  retry: RetryPolicy;
  onProgress?: (event: ProgressEvent) => void;
}
