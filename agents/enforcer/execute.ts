// Carries out one work item: plan (dry run), or re-read → plan → apply → re-read → verify.
// Never trusts the snapshot when acting: the resource is read again first. A files session's
// fixes stop at the plan: they are proposed edits, never applied (engine/domain.ts SourceApplies).
import { errorMessage } from "../../core/errors.js";
import { observedAfter } from "./observe.js";
import { compileRule, evaluate } from "../../engine/evaluate.js";
import type { Policy } from "../../contracts/policy.js";
import { locationOf, type Resource } from "../../contracts/resource.js";
import type { SourceApplies } from "../../engine/domain.js";
import type { OpenedTarget } from "../../graphs/deps.js";
import type { ActionResult } from "../../graphs/state.js";
import type { WorkItem } from "./work-items.js";

export function base(item: WorkItem): Omit<ActionResult, "status" | "before" | "after" | "summary"> {
  return {
    resourceId: item.resource.id, kind: item.resource.kind, region: item.resource.region, location: locationOf(item.resource),
    action: item.action.name, ruleIds: item.rules.map((r) => r.id),
  };
}

function passesAll(item: WorkItem, resource: Resource, policy: Policy): boolean {
  return item.rules.every((rule) => evaluate(compileRule(rule), resource, policy).status !== "fail");
}

export const PROPOSED_DETAIL = "not changed: the target is files, where agpm only proposes the edit (before → after); make it in the files and run again";

/**
 * The planned change, or a manual-fix notice, without touching anything. Where the session's
 * actions take effect decides what a plan is: a change --apply makes ("cloud"), or an edit proposed.
 */
export function planItem(item: WorkItem, resource: Resource = item.resource, applies: SourceApplies = "cloud"): ActionResult | null {
  const { action } = item;
  if (action.manual) {
    return { ...base(item), status: "manual", before: null, after: null, summary: action.title, detail: action.guidance(resource, item.params as never) };
  }
  const plan = action.plan(resource, item.params as never);
  if (!plan) return null;
  const planned = { ...base(item), before: plan.before, after: plan.after, summary: plan.summary };
  return applies === "cloud" ? { ...planned, status: "planned" } : { ...planned, status: "proposed", detail: PROPOSED_DETAIL };
}

/**
 * Re-reads, plans, applies, re-reads and verifies one item; null when the resource already
 * passes. `beforeApply` runs (and must succeed) just before the change is made: the enforcer
 * writes its "applying" audit event there, so a change interrupted by a crash is never unrecorded.
 */
export async function applyItem(session: OpenedTarget, item: WorkItem, policy: Policy, beforeApply?: (planned: ActionResult) => Promise<void>): Promise<ActionResult | null> {
  const { action } = item;
  if (action.manual) return planItem(item);
  let planned: ActionResult | null = null;
  let current: Resource | null = null;
  try {
    const where = locationOf(item.resource);
    current = await session.collectOne(item.resource.kind, item.resource.id, where.partition, where.root || undefined);
    if (!current) return { ...base(item), status: "failed", before: null, after: null, summary: action.title, detail: "the resource no longer exists" };
    if (passesAll(item, current, policy)) return null;
    planned = planItem(item, current, session.applies);
    if (!planned) return null;
    // Only a cloud session's fixes are made; any other's end here, as the proposal of a fresh read.
    if (planned.status !== "planned") return planned;
    await beforeApply?.(planned);
  } catch (error) {
    return { ...(planned ?? { ...base(item), before: null, after: null, summary: action.title }), status: "failed", detail: errorMessage(error) };
  }
  // From here a change may have been made: whatever the outcome, the audit records what the
  // resource is when read again, never what the plan hoped for.
  try {
    // In a session of many roots (an organisation), the resource's own account's context.
    await action.apply(session.contextOf?.(current) ?? session.ctx, current, item.params as never);
  } catch (error) {
    const seen = await observedAfter(session, item, planned);
    return { ...planned, status: "failed", after: seen.after, detail: `${errorMessage(error)}${seen.note}` };
  }
  const seen = await observedAfter(session, item, planned);
  if (seen.resource && passesAll(item, seen.resource, policy)) return { ...planned, status: "verified", after: seen.after };
  return { ...planned, status: "failed", after: seen.after, detail: `applied, but the resource still fails the rule when read again${seen.note}` };
}
