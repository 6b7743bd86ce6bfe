// `agpm schedule add|list|remove`: sweep schedules (BullMQ job schedulers on the sweeps queue).
import { z } from "zod";
import { openSweepsQueue } from "../../client/producer.js";
import { listSchedules, parseDuration, removeSchedule, upsertSchedule, type ScheduleInfo } from "../../client/schedules.js";
import type { App } from "../app.js";
import { EXIT } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { renderTable } from "../output/table.js";
import { SweepFlagsSchema, sweepRequest } from "./sweep.js";

export const ScheduleAddFlagsSchema = SweepFlagsSchema.omit({ now: true, wait: true, timeout: true }).extend({
  every: z.string().optional().transform((v) => (v === undefined ? undefined : parseDuration(v))),
  cron: z.string().optional(),
  tz: z.string().optional(),
});

async function withQueue<T>(app: App, fn: (queue: ReturnType<typeof openSweepsQueue>["queue"]) => Promise<T>): Promise<T> {
  const producer = openSweepsQueue({ url: app.config.redisUrl, prefix: app.config.queuePrefix });
  try {
    await producer.ready();
    return await fn(producer.queue);
  } finally {
    await producer.close();
  }
}

const describeTiming = (s: ScheduleInfo) => (s.every !== null ? `every ${s.every / 1000} s` : `cron "${s.cron}"${s.tz ? ` ${s.tz}` : ""}`);

export async function addSchedule(app: App, io: CliIo, name: string, rawFlags: Record<string, unknown>): Promise<number> {
  const flags = ScheduleAddFlagsSchema.parse(rawFlags);
  const request = await sweepRequest(app, io, { ...flags, now: false, wait: false, timeout: 600 }, "schedule");
  const info = await withQueue(app, (queue) =>
    upsertSchedule(queue, {
      id: name,
      ...(flags.every !== undefined ? { every: flags.every } : {}),
      ...(flags.cron !== undefined ? { cron: flags.cron } : {}),
      ...(flags.tz !== undefined ? { tz: flags.tz } : {}),
      ...(request.policyIds ? { policyIds: request.policyIds } : {}),
      options: request.options,
    }),
  );
  io.stdout(flags.json ? `${JSON.stringify(info, null, 2)}\n` : `schedule ${info.id}: sweep ${info.policyIds?.join(", ") ?? "every active policy"} ${describeTiming(info)}${info.apply ? ", applying fixes" : ", dry run"}; next at ${info.next ?? "?"}\n`);
  return EXIT.ok;
}

export async function listSchedulesCommand(app: App, io: CliIo, flags: { json?: boolean }): Promise<number> {
  const schedules = await withQueue(app, listSchedules);
  if (flags.json) {
    io.stdout(`${JSON.stringify(schedules, null, 2)}\n`);
    return EXIT.ok;
  }
  if (schedules.length === 0) {
    io.stdout("No schedules. Add one: agpm schedule add nightly --cron \"0 2 * * *\" --tz Europe/London\n");
    return EXIT.ok;
  }
  io.stdout(renderTable(schedules, [
    { header: "NAME", value: (s) => s.id },
    { header: "WHEN", value: describeTiming },
    { header: "POLICIES", value: (s) => s.policyIds?.join(", ") ?? "all active" },
    { header: "APPLY", value: (s) => (s.apply ? "yes" : "dry run") },
    { header: "NEXT", value: (s) => s.next ?? "-" },
  ], io));
  return EXIT.ok;
}

export async function removeScheduleCommand(app: App, io: CliIo, name: string): Promise<number> {
  await withQueue(app, (queue) => removeSchedule(queue, name));
  io.stdout(`removed schedule ${name}\n`);
  return EXIT.ok;
}
