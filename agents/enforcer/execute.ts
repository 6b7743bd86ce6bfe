// Carries out one work item: plan (dry run), or re-read → plan → apply → re-read → verify.
// Never trusts the snapshot when acting: the resource is read again first.
import { errorMessage } from "../../core/errors.js";
import { compileRule, evaluate } from "../../policy/evaluate.js";
import type { Policy } from "../../policy/schema.js";
import type { Resource } from "../../policy/resource.js";
import type { AwsContext } from "../../tools/aws/context.js";
import { collectOne } from "../../tools/aws/inventory.js";
import type { ActionResult } from "../../graphs/state.js";
import type { WorkItem } from "./work-items.js";

function base(item: WorkItem): Omit<ActionResult, "status" | "before" | "after" | "summary"> {
  return { resourceId: item.resource.id, kind: item.resource.kind, region: item.resource.region, action: item.action.name, ruleIds: item.rules.map((r) => r.id) };
}

function passesAll(item: WorkItem, resource: Resource, policy: Policy): boolean {
  return item.rules.every((rule) => evaluate(compileRule(rule), resource, policy).status !== "fail");
}

/** The planned change, or a manual-fix notice, without touching anything. */
export function planItem(item: WorkItem, resource: Resource = item.resource): ActionResult | null {
  const { action } = item;
  if (action.manual) {
    return { ...base(item), status: "manual", before: null, after: null, summary: action.title, detail: action.guidance(resource, item.params as never) };
  }
  const plan = action.plan(resource, item.params as never);
  if (!plan) return null;
  return { ...base(item), status: "planned", before: plan.before, after: plan.after, summary: plan.summary };
}

/**
 * Re-reads, plans, applies, re-reads and verifies one item; null when the resource already
 * passes. `beforeApply` runs (and must succeed) just before the change is made: the enforcer
 * writes its "applying" audit event there, so a change interrupted by a crash is never unrecorded.
 */
export async function applyItem(ctx: AwsContext, item: WorkItem, policy: Policy, beforeApply?: (planned: ActionResult) => Promise<void>): Promise<ActionResult | null> {
  const { action } = item;
  if (action.manual) return planItem(item);
  let planned: ActionResult | null = null;
  try {
    const current = await collectOne(ctx, item.resource.kind, item.resource.id, item.resource.region);
    if (!current) return { ...base(item), status: "failed", before: null, after: null, summary: action.title, detail: "the resource no longer exists" };
    if (passesAll(item, current, policy)) return null;
    planned = planItem(item, current);
    if (!planned) return null;
    await beforeApply?.(planned);
    await action.apply(ctx, current, item.params as never);
    const after = await collectOne(ctx, item.resource.kind, item.resource.id, item.resource.region);
    if (after && passesAll(item, after, policy)) return { ...planned, status: "verified" };
    return { ...planned, status: "failed", detail: "applied, but the resource still fails the rule when read again" };
  } catch (error) {
    return { ...(planned ?? { ...base(item), before: null, after: null, summary: action.title }), status: "failed", detail: errorMessage(error) };
  }
}
