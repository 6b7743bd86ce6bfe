// The enforcer agent: turns failing findings into remediation actions — planned in a dry run,
// applied and verified when asked — and audits every change with before and after. Where the
// run's session says its actions take effect decides what "apply" means: a cloud call, a proposed
// edit to files (audited as proposed), or nothing at all for a read-only source.
import pLimit from "p-limit";
import { AgpmError } from "../../core/errors.js";
import { readRunFindings, runSession, type GraphDeps, type RunFindings } from "../../graphs/deps.js";
import type { AuditEvent } from "../../store/index.js";
import type { ActionResult, State, StateUpdate } from "../../graphs/state.js";
import { applyItem, base, planItem } from "./execute.js";
import { observedAfter } from "./observe.js";
import { approvedByPerson } from "../approval/node.js";
import { heldDetail, pendingChanges, unreadableWarnings } from "../approval/pending.js";
import { applicableItems, holdPending, NO_HOLDS, workItems, type WorkItem } from "./work-items.js";
import { plural } from "../../core/plural.js";

/** Resources remediated at once; each SDK call is further bounded by the tools' limiter. */
export const ENFORCE_CONCURRENCY = 8;

/** What enforcing would do, planned without touching anything: shown while a run waits for approval. */
export function plannedActions(state: State, run: RunFindings): ActionResult[] {
  if (!state.policy || !state.plan) return [];
  return workItems(state.policy, state.plan, run.findings, run.failing).map((item) => planItem(item)).filter((a): a is ActionResult => a !== null);
}

const keyOf = (runId: string, r: Pick<ActionResult, "kind" | "region" | "resourceId" | "action">) => `${runId}:${r.kind}:${r.region}:${r.resourceId}:${r.action}`;

export function createEnforcerNode(deps: GraphDeps) {
  function audit(state: State, result: Pick<ActionResult, "resourceId" | "kind" | "region" | "location" | "action" | "before" | "after" | "summary" | "detail">, outcome: string, dedupeKey: string) {
    const policy = state.policy;
    return deps.store.audit.appendAudit({
      actor: state.approval?.by ?? state.options.actor, runId: state.runId, policyId: policy?.id ?? null, policyVersion: policy?.version ?? null,
      resourceId: result.resourceId, kind: result.kind, region: result.region, ...(result.location ? { location: result.location } : {}), action: result.action,
      before: (result.before ?? null) as never, after: (result.after ?? null) as never,
      result: outcome, detail: result.detail ?? result.summary, dedupeKey,
    });
  }

  /**
   * Changes this run began before an interruption (an "applying" event without an outcome):
   * when the resource now passes, the change took effect and is recorded as verified.
   */
  async function interrupted(state: State): Promise<Map<string, AuditEvent>> {
    const events = await deps.store.audit.listAudit({ runId: state.runId });
    const finished = new Set(events.map((e) => e.dedupeKey));
    return new Map(events.filter((e) => e.result === "applying" && e.dedupeKey && !finished.has(e.dedupeKey.replace(/:applying$/, ""))).map((e) => [e.dedupeKey ?? "", e]));
  }

  return async function enforcer(state: State): Promise<StateUpdate> {
    const { policy, plan } = state;
    if (!policy || !plan) throw new AgpmError("INTERNAL", "enforcer reached without an approved policy");
    // The run's session, opened by evaluate (or by the approval-time re-read); the runner closes it.
    const opened = await runSession(deps, state.runId, state.options.target);
    // The failing findings and their snapshots, read back from the store (or an older run's state).
    const failing = await readRunFindings(deps.store, state, { failing: true });
    const { items, dropped } = applicableItems(workItems(policy, plan, failing.findings, failing.failing), opened.applies);
    const notes = dropped === 0 ? state.notes : [...state.notes, `${opened.describe} is read-only: ${plural(dropped, "automatic fix", "automatic fixes")} not planned, as nothing can be changed through it.`];
    if (!state.options.apply) {
      return { actions: items.map((item) => planItem(item, item.resource, opened.applies)).filter((a): a is ActionResult => a !== null), notes };
    }
    deps.onProgress?.({ type: "stage", stage: "enforcing" });
    if (state.approval) {
      await deps.store.audit.appendAudit({
        actor: state.approval.by, runId: state.runId, policyId: policy.id, policyVersion: policy.version,
        action: "approval", result: "approved", detail: state.approval.comment ?? `approved changes to ${plural(state.blastRadius?.resources ?? 0, "resource")}`,
        dedupeKey: `${state.runId}:approval`,
      });
    }
    // A change waiting for a person's decision in another run is never made around it; a proposal changes nothing, so waits for none.
    const noHold = approvedByPerson(state) || opened.applies !== "cloud";
    const { free, held } = holdPending(items, noHold ? NO_HOLDS : await pendingChanges(deps.store, state.runId));
    const waiting = held.map(({ item, by }): ActionResult => {
      const planned = planItem(item);
      return {
        ...base(item),
        status: "pending-approval", before: planned?.before ?? null, after: planned?.after ?? null, summary: planned?.summary ?? item.action.title,
        detail: heldDetail(by),
      };
    });
    const begun = await interrupted(state);
    const results = await pLimit(ENFORCE_CONCURRENCY).map(free, async (item: WorkItem): Promise<ActionResult | null> => {
      // In a session of many roots (an organisation) the same id may live in two accounts: the root joins the key.
      // Single-root keys stay as they were, so a run resumed across an upgrade still finds its "applying" events.
      const root = opened.roots ? `:${item.resource.location?.root ?? item.resource.account}` : "";
      const key = `${keyOf(state.runId, { kind: item.resource.kind, region: item.resource.region, resourceId: item.resource.id, action: item.action.name })}${root}`;
      const result = await applyItem(opened, item, policy, async (planned) => {
        await audit(state, planned, "applying", `${key}:applying`);
      });
      if (result) {
        await audit(state, result, result.status, key);
        return result;
      }
      const started = begun.get(`${key}:applying`);
      if (!started) return null;
      const resumed: ActionResult = {
        ...base(item),
        status: "verified", before: started.before, after: started.after, summary: started.detail ?? item.action.title,
        detail: "verified after the run resumed: the change was made before an interruption",
      };
      // Here too the audit says what the resource is now, not what the interrupted plan said.
      const seen = await observedAfter(opened, item, resumed);
      if (seen.resource) resumed.after = seen.after;
      await audit(state, resumed, "verified", key);
      return resumed;
    });
    return { actions: [...results.filter((a): a is ActionResult => a !== null), ...waiting], notes: [...notes, ...unreadableWarnings(held)] };
  };
}
