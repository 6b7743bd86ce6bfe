// A counting semaphore: bounds how many SDK calls are in flight at once across all tools.
import pLimit from "p-limit";
import { AgpmError } from "../../core/errors.js";

export interface Limiter {
  /** Most tasks running at once. */
  readonly limit: number;
  /** Runs `task` once a slot is free; slots are granted in arrival order. */
  run<T>(task: () => Promise<T>): Promise<T>;
}

/**
 * Creates a FIFO semaphore with `limit` slots (p-limit's queue is first in, first out).
 * @throws AgpmError CONFIG_INVALID when `limit` is not a positive integer
 * @example const limiter = createLimiter(8); await limiter.run(() => client.send(cmd));
 */
export function createLimiter(limit: number): Limiter {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new AgpmError("CONFIG_INVALID", `concurrency must be a positive integer, got ${limit}`);
  }
  const queue = pLimit(limit);
  return { limit, run: <T>(task: () => Promise<T>): Promise<T> => queue(task) };
}
