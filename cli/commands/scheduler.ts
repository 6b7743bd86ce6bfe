// `agpm scheduler`: keeps the schedules policies carry (and AGPM_SWEEP_EVERY's default) on the
// sweeps queue, re-reading the policies every --interval seconds until SIGTERM. Workers run the sweeps.
import { z } from "zod";
import { createLogger } from "../../observability/index.js";
import { syncPolicySchedules } from "../../workers/policy-schedules.js";
import { openSweepsQueue } from "../../client/producer.js";
import { parseDuration } from "../../client/schedules.js";
import type { App } from "../app.js";
import { EXIT } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { resolveTarget, TargetFlagsSchema } from "../target.js";
import { terminationSignal } from "./worker.js";

export const SchedulerFlagsSchema = TargetFlagsSchema.extend({
  apply: z.boolean().optional(),
  interval: z.coerce.number().positive().default(30),
  once: z.boolean().default(false),
});

export async function runScheduler(app: App, io: CliIo, rawFlags: Record<string, unknown>, stop: Promise<string> = terminationSignal()): Promise<number> {
  const flags = SchedulerFlagsSchema.parse(rawFlags);
  const log = createLogger({ level: app.config.logLevel, destination: { write: (line: string) => io.stderr(line) } });
  const { target } = await resolveTarget(flags, app.config, app.paths.sandboxFile, io.cwd);
  const producer = openSweepsQueue({ url: app.config.redisUrl, prefix: app.config.queuePrefix }, "worker");
  const sync = {
    options: { apply: flags.apply ?? app.config.sweepApply, autoApprove: false, target, source: "scheduler", requester: "scheduler" },
    ...(app.config.sweepEvery ? { defaultEvery: parseDuration(app.config.sweepEvery) } : {}),
  };
  await producer.ready().catch(async (error: unknown) => {
    await producer.close();
    throw error;
  });
  const once = async () => {
    const result = await syncPolicySchedules(app.store, producer.queue, sync);
    if (result.upserted.length + result.removed.length > 0) log.info(result, "schedules synced");
    return result;
  };
  try {
    const first = await once();
    if (flags.once) {
      io.stdout(`schedules: ${first.upserted.length} added or changed, ${first.removed.length} removed, ${first.unchanged.length} unchanged\n`);
      return EXIT.ok;
    }
    log.info({ interval: flags.interval, apply: sync.options.apply }, "agpm scheduler: running");
    let stopped = false;
    void stop.then(() => (stopped = true));
    while (!stopped) {
      await Promise.race([stop, new Promise((r) => setTimeout(r, flags.interval * 1000).unref())]);
      if (stopped) break;
      await once().catch((error: unknown) => log.warn({ err: String(error) }, "schedule sync failed; retrying next interval"));
    }
    log.info("agpm scheduler: stopped");
    return EXIT.ok;
  } finally {
    await producer.close();
  }
}
