// The changes waiting for a person's decision: every planned change of every run paused for
// approval, read from the report each paused run stored (its exact planned changes).
import { z } from "zod";
import type { Run, Store } from "../../store/index.js";
import { resourceKey, type HeldBy } from "../enforcer/work-items.js";

const PausedReportSchema = z.object({
  actions: z.array(z.object({
    resourceId: z.string(), kind: z.string(), region: z.string(), action: z.string(), status: z.string(), before: z.unknown().optional(),
  })).catch([]),
});

export interface PlannedChange {
  resourceId: string;
  kind: string;
  region: string;
  action: string;
  before: unknown;
}

/** The automatic changes a paused run would make if approved (manual fixes change nothing). */
export function plannedChangesOf(run: Run): PlannedChange[] {
  const parsed = PausedReportSchema.safeParse(run.result);
  if (!parsed.success) return [];
  return parsed.data.actions
    .filter((a) => a.status === "planned")
    .map(({ resourceId, kind, region, action, before }) => ({ resourceId, kind, region, action, before: before ?? null }));
}

/**
 * Resource key → the paused run holding it, over every run awaiting approval but `exceptRunId`.
 * Resources are matched by kind, region and id whatever the target: when in doubt, wait.
 */
export async function pendingChanges(store: Store, exceptRunId: string): Promise<Map<string, HeldBy>> {
  const paused = await store.runs.listRuns({ status: "awaiting-approval" });
  const held = new Map<string, HeldBy>();
  for (const run of paused) {
    if (run.id === exceptRunId) continue;
    for (const change of plannedChangesOf(run)) {
      const key = resourceKey(change.kind, change.region, change.resourceId);
      if (!held.has(key)) held.set(key, { runId: run.id, action: change.action });
    }
  }
  return held;
}
