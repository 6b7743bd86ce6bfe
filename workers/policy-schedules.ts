// Schedules carried by policies ("… every 15 minutes"), and the default one from configuration,
// kept in step with the sweeps queue's job schedulers. Idempotent: run it as often as you like.
import type { Store } from "../store/index.js";
import type { SweepsQueue } from "../client/producer.js";
import { listSchedules, removeSchedule, upsertSchedule, type ScheduleInfo, type ScheduleSpecInput } from "../client/schedules.js";
import type { SweepOptionsInput } from "../contracts/sweeps-queue.js";

export const POLICY_SCHEDULE_PREFIX = "policy-";
export const DEFAULT_SCHEDULE_ID = "default";

export interface SyncOptions {
  /** Target, apply and requester of the sweeps the schedules start. */
  options: SweepOptionsInput;
  /** Also keep a schedule sweeping every active policy this often (ms). */
  defaultEvery?: number;
}

export interface SyncResult {
  upserted: string[];
  removed: string[];
  unchanged: string[];
}

/** True when the stored scheduler already says what the spec says (re-upserting would reset its clock). */
function matches(info: ScheduleInfo | undefined, spec: ScheduleSpecInput): boolean {
  if (!info) return false;
  return info.every === (spec.every ?? null) && info.cron === (spec.cron ?? null) && info.tz === (spec.tz ?? null)
    && JSON.stringify(info.policyIds) === JSON.stringify(spec.policyIds ?? null)
    && info.apply === (spec.options.apply ?? false) && JSON.stringify(info.target) === JSON.stringify(spec.options.target);
}

export async function syncPolicySchedules(store: Store, queue: SweepsQueue, sync: SyncOptions): Promise<SyncResult> {
  const wanted: ScheduleSpecInput[] = [];
  for (const summary of await store.policies.listPolicies()) {
    if (summary.status !== "active") continue;
    const policy = await store.policies.getPolicy(summary.id);
    if (!policy?.schedule) continue;
    wanted.push({ id: `${POLICY_SCHEDULE_PREFIX}${policy.id}`, ...policy.schedule, policyIds: [policy.id], options: { ...sync.options, source: "policy-schedule" } });
  }
  if (sync.defaultEvery !== undefined) wanted.push({ id: DEFAULT_SCHEDULE_ID, every: sync.defaultEvery, options: sync.options });
  const existing = new Map((await listSchedules(queue)).map((s) => [s.id, s]));
  const result: SyncResult = { upserted: [], removed: [], unchanged: [] };
  for (const spec of wanted) {
    if (matches(existing.get(spec.id), spec)) result.unchanged.push(spec.id);
    else {
      await upsertSchedule(queue, spec);
      result.upserted.push(spec.id);
    }
  }
  const keep = new Set(wanted.map((s) => s.id));
  for (const id of existing.keys()) {
    const managed = id.startsWith(POLICY_SCHEDULE_PREFIX) || id === DEFAULT_SCHEDULE_ID;
    if (managed && !keep.has(id)) {
      await removeSchedule(queue, id);
      result.removed.push(id);
    }
  }
  return result;
}
