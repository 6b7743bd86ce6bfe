// A counting semaphore: bounds how many SDK calls are in flight at once across all tools.
import { AgpmError } from "../../core/errors.js";

export interface Limiter {
  /** Most tasks running at once. */
  readonly limit: number;
  /** Runs `task` once a slot is free; slots are granted in arrival order. */
  run<T>(task: () => Promise<T>): Promise<T>;
}

/**
 * Creates a FIFO semaphore with `limit` slots.
 * @example const limiter = createLimiter(8); await limiter.run(() => client.send(cmd));
 */
export function createLimiter(limit: number): Limiter {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new AgpmError("CONFIG_INVALID", `concurrency must be a positive integer, got ${limit}`);
  }
  let active = 0;
  const waiting: Array<() => void> = [];

  const acquire = (): Promise<void> => {
    if (active < limit) {
      active += 1;
      return Promise.resolve();
    }
    // The slot is handed over directly by release(), so `active` stays counted.
    return new Promise((resolve) => waiting.push(resolve));
  };
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else active -= 1;
  };

  return {
    limit,
    async run<T>(task: () => Promise<T>): Promise<T> {
      await acquire();
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}
