// Work that goes on after Slack has been answered (enqueue, wait, post): errors are logged, never
// lost, and a closing server gives the tasks in flight a grace period instead of waiting out a run.
import { errorMessage } from "../core/errors.js";
import type { Logger } from "../observability/index.js";

export interface BackgroundTasks {
  run(name: string, task: () => Promise<void>): void;
  /** Resolves when every task has finished, or after `graceMs`, whichever is first. */
  drain(graceMs: number): Promise<void>;
}

export function createBackgroundTasks(logger: Logger): BackgroundTasks {
  const running = new Set<Promise<void>>();
  return {
    run(name, task) {
      const promise = Promise.resolve()
        .then(task)
        .catch((error: unknown) => logger.error({ task: name, err: errorMessage(error) }, "Slack background task failed"));
      running.add(promise);
      void promise.finally(() => running.delete(promise));
    },
    async drain(graceMs) {
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, graceMs);
        timer.unref();
      });
      await Promise.race([Promise.allSettled([...running]).then(() => undefined), grace]);
      clearTimeout(timer);
      if (running.size > 0) logger.warn({ tasks: running.size }, "server closing with Slack results still pending; their runs go on, their messages will not be posted");
    },
  };
}
