// When a paused run's plan is overtaken: the policy changed or retired, another run changed its
// resources, or (read at approval time) the resources are no longer as planned. Such a run is
// marked `stale` and can no longer be approved: approving would apply a plan nobody reviewed.
import { AgpmError } from "../../core/errors.js";
import { stableStringify } from "../../core/stable-json.js";
import { readRunFindings, runSession, type GraphDeps } from "../../graphs/deps.js";
import type { State } from "../../graphs/state.js";
import type { Run, Store } from "../../store/index.js";
import { planItem } from "../enforcer/execute.js";
import { workItems } from "../enforcer/work-items.js";
import { plannedChangesOf } from "./pending.js";

/** Why a paused run's plan no longer holds, from the store alone (no account read); null when it still holds. */
export async function overtakenBy(store: Store, run: Run): Promise<string | null> {
  if (run.policyId) {
    const current = await store.policies.getPolicy(run.policyId);
    if (!current) return `policy ${run.policyId} no longer exists`;
    if (current.status !== "active") return `policy ${run.policyId} was ${current.status} after this run paused`;
    if (run.policyVersion !== null && current.version > run.policyVersion) {
      return `policy ${run.policyId} has a newer version (v${current.version}) than the one this run planned with (v${run.policyVersion})`;
    }
  }
  for (const change of plannedChangesOf(run)) {
    const events = await store.audit.listAudit({ resourceId: change.resourceId });
    // Any change another run made after this one began reading the account: when in doubt, stale.
    const later = events.find((e) => e.runId !== run.id && (e.result === "verified" || e.result === "applying") && e.kind === change.kind && e.region === change.region && e.at >= run.createdAt);
    if (later) return `run ${later.runId ?? "?"} changed ${change.resourceId} (${later.action ?? "a fix"}) at ${later.at}, after this run's plan`;
  }
  return null;
}

/** Read at approval time: a planned resource that is gone, or no longer as the plan found it. */
export async function changedSincePlan(deps: GraphDeps, state: State): Promise<string | null> {
  if (!state.policy || !state.plan) return null;
  const failing = await readRunFindings(deps.store, state, { failing: true });
  const items = workItems(state.policy, state.plan, failing.findings, failing.failing).filter((i) => !i.action.manual);
  if (items.length === 0) return null;
  // The resumed run's session: the enforcer then acts through the same one.
  const opened = await runSession(deps, state.runId, state.options.target);
  for (const item of items) {
    const { kind, region, id } = item.resource;
    const current = await opened.collectOne(kind, id, region);
    if (!current) return `${id} no longer exists`;
    const then = stableStringify(planItem(item)?.before ?? null);
    const now = stableStringify(planItem(item, current)?.before ?? null);
    if (then !== now) return `${id} changed since the plan (${item.action.name} planned from ${then}; it is now ${now === "null" ? "compliant" : now})`;
  }
  return null;
}

export function staleError(runId: string, reason: string): AgpmError {
  return new AgpmError("RUN_STALE", `run ${runId} is stale: ${reason}. It can no longer be approved; run the intent or a sweep again for a fresh plan`, { details: { runId, reason } });
}

/**
 * Marks a paused run stale, with the reason in its error, its report and the audit log — only
 * while it is still paused: a decision that got there first stands. Returns the run as it now is.
 */
export async function markStale(store: Store, run: Run, reason: string): Promise<Run> {
  const report = run.result !== null && typeof run.result === "object" && !Array.isArray(run.result) ? run.result : {};
  const notes = Array.isArray(report.notes) ? report.notes : [];
  const error = { code: "RUN_STALE", message: reason, details: {} };
  const updated = await store.runs.updateRunIf(run.id, "awaiting-approval", { status: "stale", error, result: { ...report, status: "stale", error, notes: [...notes, `Stale: ${reason}.`] } });
  if (!updated) return (await store.runs.getRun(run.id)) ?? run;
  await store.audit.appendAudit({
    actor: "agpm", runId: run.id, policyId: run.policyId, policyVersion: run.policyVersion,
    action: "approval", result: "stale", detail: reason, dedupeKey: `${run.id}:stale`,
  });
  return updated;
}

/**
 * The run, if a person may decide on it now; marks it stale first when its plan was overtaken.
 * @throws AgpmError RUN_NOT_FOUND, RUN_STALE (with what overtook it) or RUN_NOT_AWAITING_APPROVAL.
 */
export async function decidableRun(store: Store, runId: string): Promise<Run> {
  const run = await store.runs.getRun(runId);
  if (!run) throw new AgpmError("RUN_NOT_FOUND", `no run ${runId}`);
  if (run.status === "stale") throw staleError(run.id, run.error?.message ?? "its plan was overtaken");
  if (run.status !== "awaiting-approval") {
    throw new AgpmError("RUN_NOT_AWAITING_APPROVAL", `run ${runId} is ${run.status}, not awaiting approval`, { details: { status: run.status } });
  }
  const reason = await overtakenBy(store, run);
  if (reason) {
    const now = await markStale(store, run, reason);
    if (now.status !== "stale") throw new AgpmError("RUN_NOT_AWAITING_APPROVAL", `run ${runId} is ${now.status}, not awaiting approval`, { details: { status: now.status } });
    throw staleError(run.id, reason);
  }
  return run;
}

/** After a run finished: every other paused run its changes (or its policy update) overtook is marked stale. */
export async function markOvertakenRuns(store: Store, exceptRunId: string): Promise<void> {
  for (const run of await store.runs.listRuns({ status: "awaiting-approval" })) {
    if (run.id === exceptRunId) continue;
    const reason = await overtakenBy(store, run);
    if (reason) await markStale(store, run, reason);
  }
}
