// The enforcer agent: turns failing findings into remediation actions — planned in a dry run,
// applied and verified when asked — and audits every change with before and after.
import { AgpmError } from "../../core/errors.js";
import type { GraphDeps } from "../../graphs/deps.js";
import type { ActionResult, State, StateUpdate } from "../../graphs/state.js";
import { applyItem, planItem } from "./execute.js";
import { workItems, type WorkItem } from "./work-items.js";

/** Resources remediated at once; each SDK call is further bounded by the tools' limiter. */
export const ENFORCE_CONCURRENCY = 8;

async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export function createEnforcerNode(deps: GraphDeps) {
  async function audit(state: State, result: ActionResult): Promise<void> {
    const policy = state.policy;
    await deps.store.audit.appendAudit({
      actor: state.approval?.by ?? state.options.actor, runId: state.runId, policyId: policy?.id ?? null, policyVersion: policy?.version ?? null,
      resourceId: result.resourceId, kind: result.kind, region: result.region, action: result.action,
      before: (result.before ?? null) as never, after: (result.status === "verified" ? result.after ?? null : null) as never,
      result: result.status, detail: result.detail ?? result.summary,
      dedupeKey: `${state.runId}:${result.kind}:${result.region}:${result.resourceId}:${result.action}`,
    });
  }

  return async function enforcer(state: State): Promise<StateUpdate> {
    const { policy, plan } = state;
    if (!policy || !plan) throw new AgpmError("INTERNAL", "enforcer reached without an approved policy");
    const items = workItems(policy, plan, state.findings, state.failing);
    if (!state.options.apply) {
      return { actions: items.map((item) => planItem(item)).filter((a): a is ActionResult => a !== null) };
    }
    deps.onProgress?.({ type: "stage", stage: "enforcing" });
    if (state.approval) {
      await deps.store.audit.appendAudit({
        actor: state.approval.by, runId: state.runId, policyId: policy.id, policyVersion: policy.version,
        action: "approval", result: "approved", detail: state.approval.comment ?? `approved ${state.blastRadius?.resources ?? 0} changes`,
        dedupeKey: `${state.runId}:approval`,
      });
    }
    const opened = await deps.openTarget(state.options.target);
    try {
      const results = await mapBounded(items, ENFORCE_CONCURRENCY, async (item: WorkItem) => {
        const result = await applyItem(opened.ctx, item, policy);
        if (result) await audit(state, result);
        return result;
      });
      return { actions: results.filter((a): a is ActionResult => a !== null) };
    } finally {
      opened.close();
    }
  };
}
