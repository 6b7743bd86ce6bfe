// The changes waiting for a person's decision: every planned change of every run paused for
// approval, read from the report each paused run stored (its exact planned changes). It fails
// closed: a paused run whose stored plan cannot be read holds every resource its policy could
// change, because skipping it would let another run change what that run's approver will see.
import { z } from "zod";
import { errorMessage, isAgpmError } from "../../core/errors.js";
import type { Run, RunRef, Store } from "../../store/index.js";
import { resourceKey, type HeldBy, type Holds } from "../enforcer/work-items.js";

const PausedReportSchema = z.object({
  actions: z.array(z.object({
    resourceId: z.string(), kind: z.string(), region: z.string(), action: z.string(), status: z.string(), before: z.unknown().optional(),
  })),
});

export interface PlannedChange {
  resourceId: string;
  kind: string;
  region: string;
  action: string;
  before: unknown;
}

/** The automatic changes a paused run would make if approved (manual fixes change nothing), or why they cannot be read. */
export function readPlannedChanges(run: Run): PlannedChange[] | { unreadable: string } {
  if (run.result === null) return { unreadable: "it stored no report" };
  const parsed = PausedReportSchema.safeParse(run.result);
  if (!parsed.success) return { unreadable: `its stored report has no readable actions (${parsed.error.issues[0]?.message ?? "unknown problem"})` };
  return parsed.data.actions
    .filter((a) => a.status === "planned")
    .map(({ resourceId, kind, region, action, before }) => ({ resourceId, kind, region, action, before: before ?? null }));
}

/** The automatic changes a paused run would make if approved; none when its report cannot be read. */
export function plannedChangesOf(run: Run): PlannedChange[] {
  const changes = readPlannedChanges(run);
  return Array.isArray(changes) ? changes : [];
}

/** The run as stored, or why it cannot be read (a corrupt row reads as STORE_ERROR). */
async function readRun(store: Store, ref: RunRef): Promise<Run | { unreadable: string }> {
  try {
    return (await store.runs.getRun(ref.id)) ?? { unreadable: "it is no longer stored" };
  } catch (error) {
    if (!isAgpmError(error, "STORE_ERROR")) throw error;
    return { unreadable: errorMessage(error) };
  }
}

/** The kinds a policy's rules govern (every version the store holds counts), or null when it cannot be read. */
async function policyKinds(store: Store, policyId: string | null): Promise<Set<string> | null> {
  if (policyId === null) return null;
  try {
    const versions = await store.policies.history(policyId);
    return versions.length === 0 ? null : new Set(versions.flatMap((v) => v.policy.rules.map((r) => r.kind)));
  } catch (error) {
    if (!isAgpmError(error, "STORE_ERROR")) throw error;
    return null;
  }
}

/**
 * What every run awaiting approval but `exceptRunId` holds: resource key → the paused run, and —
 * for a paused run whose plan cannot be read — its policy's kinds whole (every kind when the policy
 * cannot be read either). Resources are matched by kind, region and id whatever the target: when in doubt, wait.
 */
export async function pendingChanges(store: Store, exceptRunId: string): Promise<Holds> {
  // Plain columns only, so a paused run with a corrupt row is still listed, never skipped.
  const paused = await store.runs.listRunRefs({ status: "awaiting-approval" });
  const resources = new Map<string, HeldBy>();
  const kinds: Array<Holds["kinds"][number]> = [];
  for (const ref of paused) {
    if (ref.id === exceptRunId) continue;
    const run = await readRun(store, ref);
    // Decided between the listing and the read: it holds nothing any more.
    if (!("unreadable" in run) && run.status !== "awaiting-approval") continue;
    const changes = "unreadable" in run ? run : readPlannedChanges(run);
    if (!Array.isArray(changes)) {
      kinds.push({ by: { runId: ref.id, action: null, unreadable: { reason: changes.unreadable, policyId: ref.policyId } }, kinds: await policyKinds(store, ref.policyId) });
      continue;
    }
    for (const change of changes) {
      const key = resourceKey(change.kind, change.region, change.resourceId);
      if (!resources.has(key)) resources.set(key, { runId: ref.id, action: change.action });
    }
  }
  return { resources, kinds };
}

/** Why a held change was not made, for its action's detail. */
export function heldDetail(by: HeldBy): string {
  if (!by.unreadable) return `not changed: run ${by.runId} waits for approval of a change to this resource (${by.action ?? "a fix"}); decide on it first (agpm approve|reject ${by.runId})`;
  const policy = by.unreadable.policyId === null ? "every policy's" : `policy ${by.unreadable.policyId}'s`;
  return `not changed: run ${by.runId} waits for approval, but its stored plan cannot be read, so it holds ${policy} resources; decide on it (agpm approve|reject ${by.runId}) or repair its stored run`;
}

/** The run's warning for each paused run whose unreadable plan held some of its changes. */
export function unreadableWarnings(held: ReadonlyArray<{ by: HeldBy }>): string[] {
  const runs = new Map(held.flatMap(({ by }) => (by.unreadable ? [[by.runId, by.unreadable] as const] : [])));
  return [...runs].map(([runId, { reason, policyId }]) =>
    `Warning: run ${runId} is paused for approval but its stored plan cannot be read (${reason}); changes to ${policyId === null ? "any" : `policy ${policyId}'s`} resources are held, not made, until it is decided or repaired.`);
}
