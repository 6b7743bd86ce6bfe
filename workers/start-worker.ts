// Starting a BullMQ worker on one of agpm's queues, with the settings every queue shares.
import { Worker, type Job } from "bullmq";
import { createRedisConnection, queuePrefix, type QueueConnectionSettings } from "../client/connection.js";

export interface QueueWorkerOptions extends QueueConnectionSettings {
  concurrency?: number;
  /**
   * How long a job stays locked to a worker without a heartbeat; a worker that dies (SIGKILL)
   * gives its jobs back after this and one stalled-check interval. BullMQ's default is 30 s.
   */
  lockDurationMs?: number;
}

export interface RunningWorker<R> {
  worker: Worker<unknown, R, string>;
  /** Stops taking jobs, waits for active ones to finish, then releases the connection. */
  close(): Promise<void>;
}

export function startQueueWorker<R>(queue: string, processor: (job: Job<unknown, R, string>, token?: string) => Promise<R>, options: QueueWorkerOptions): RunningWorker<R> {
  // The prefix first: a cluster prefix without a hash tag fails before a connection is opened.
  const prefix = queuePrefix(options);
  const connection = createRedisConnection(options.url, "worker");
  const lock = options.lockDurationMs ?? 30_000;
  const worker = new Worker<unknown, R, string>(queue, processor, {
    connection,
    prefix,
    concurrency: options.concurrency ?? 1,
    lockDuration: lock,
    stalledInterval: lock,
    // A job whose worker died twice is failed rather than retried forever.
    maxStalledCount: 2,
  });
  // Without a listener an "error" event (e.g. a Redis blip) would crash the process; ioredis reconnects.
  worker.on("error", () => undefined);
  return {
    worker,
    async close() {
      await worker.close();
      connection.disconnect();
    },
  };
}
