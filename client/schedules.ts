// Sweep schedules: BullMQ job schedulers on the sweeps queue (BullMQ 6 has no repeatable jobs).
// A schedule is stored in Redis with the sweep it produces; every worker shares it, and the
// job for each tick is created exactly once however many workers run.
import { z } from "zod";
import { validTimeZone } from "../core/time-zone.js";
import { AgpmError, errorMessage } from "../core/errors.js";
import { describeFirstIssue } from "../core/zod-issue.js";
import { SWEEP_RETENTION, type SweepsQueue } from "./producer.js";
import { SweepJobDataSchema, SweepOptionsSchema, type SweepJobData } from "../contracts/sweeps-queue.js";

const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "90s", "5m", "1h", "1d" (or plain milliseconds) → milliseconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/.exec(text.trim());
  if (!match) throw new AgpmError("INPUT_INVALID", `"${text}" is not a duration (examples: 30s, 5m, 1h, 1d)`);
  return Math.round(Number(match[1]) * (UNITS[match[2] ?? "ms"] ?? 1));
}

/** Shortest sweep interval: anything faster would only queue sweeps behind each other. */
export const MIN_EVERY_MS = 1_000;

export const ScheduleIdSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,150}$/, "lower-case letters, digits, dots, underscores and dashes, e.g. nightly-s3");

export const ScheduleSpecSchema = z
  .object({
    id: ScheduleIdSchema,
    every: z.number().int().min(MIN_EVERY_MS, `at least ${MIN_EVERY_MS / 1000} s`).optional(),
    cron: z.string().trim().min(1).optional(),
    tz: z.string().refine(validTimeZone, "an IANA time zone such as Europe/London").optional(),
    policyIds: SweepJobDataSchema.shape.policyIds,
    options: SweepOptionsSchema,
  })
  .strict()
  .refine((s) => (s.every === undefined) !== (s.cron === undefined), { message: "give exactly one of every or cron" })
  .refine((s) => s.tz === undefined || s.cron !== undefined, { message: "a time zone applies to cron schedules only" });
export type ScheduleSpec = z.infer<typeof ScheduleSpecSchema>;
export type ScheduleSpecInput = z.input<typeof ScheduleSpecSchema>;

export interface ScheduleInfo {
  id: string;
  every: number | null;
  cron: string | null;
  tz: string | null;
  /** When the next sweep is due (ISO), if Redis knows. */
  next: string | null;
  policyIds: string[] | null;
  apply: boolean;
  target: SweepJobData["options"]["target"] | null;
}

const jobSchedulerId = (id: string) => `schedule-${id}`;

function parseSpec(input: ScheduleSpecInput): ScheduleSpec {
  const parsed = ScheduleSpecSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new AgpmError("INPUT_INVALID", `invalid schedule: ${describeFirstIssue(parsed.error)}`);
}

/**
 * Creates or replaces a schedule. An interval schedule's first sweep is due at once; a cron one's at its next time.
 * @throws AgpmError INPUT_INVALID for a bad spec or a cron pattern BullMQ cannot read.
 */
export async function upsertSchedule(queue: SweepsQueue, input: ScheduleSpecInput): Promise<ScheduleInfo> {
  const spec = parseSpec(input);
  const data: SweepJobData = { options: spec.options, schedule: spec.id, ...(spec.policyIds ? { policyIds: spec.policyIds } : {}) };
  const repeat = spec.every !== undefined ? { every: spec.every } : { pattern: spec.cron, ...(spec.tz ? { tz: spec.tz } : {}) };
  try {
    await queue.upsertJobScheduler(jobSchedulerId(spec.id), repeat, {
      name: "sweep",
      data,
      opts: { attempts: 3, backoff: { type: "exponential", delay: 2_000 }, ...SWEEP_RETENTION },
    });
  } catch (error) {
    if (spec.cron !== undefined) throw new AgpmError("INPUT_INVALID", `invalid cron pattern "${spec.cron}": ${errorMessage(error)}`, { cause: error });
    throw error;
  }
  const info = (await listSchedules(queue)).find((s) => s.id === spec.id);
  if (!info) throw new AgpmError("INTERNAL", `schedule ${spec.id} was not stored`);
  return info;
}

export async function listSchedules(queue: SweepsQueue): Promise<ScheduleInfo[]> {
  const schedulers = await queue.getJobSchedulers(0, -1, true);
  return schedulers
    .filter((s) => (s.id ?? s.key).startsWith("schedule-"))
    .map((s) => {
      const data = SweepJobDataSchema.safeParse(s.template?.data);
      return {
        id: (s.id ?? s.key).slice("schedule-".length),
        every: s.every ?? null,
        cron: s.pattern ?? null,
        tz: s.tz ?? null,
        next: s.next ? new Date(s.next).toISOString() : null,
        policyIds: data.success ? data.data.policyIds ?? null : null,
        apply: data.success ? data.data.options.apply : false,
        target: data.success ? data.data.options.target : null,
      };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** @throws AgpmError INPUT_INVALID when there is no such schedule. */
export async function removeSchedule(queue: SweepsQueue, id: string): Promise<void> {
  const removed = await queue.removeJobScheduler(jobSchedulerId(id));
  if (!removed) throw new AgpmError("INPUT_INVALID", `no schedule named "${id}"`);
}
