// A resource as an action's plan says it will be: the plan's after-state laid over it, then the
// fields the collectors derive from others worked out again by the kind (KindDefinition.rederive).
import { stableStringify } from "../../core/stable-json.js";
import type { Resource } from "../../contracts/resource.js";
import { findKind } from "../../engine/registry.js";
import type { RemediationPlan } from "../../engine/domain.js";

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Plan fields that show part of a model list: the entries they hold before and not after are the
 * entries the action removes from that list (ec2.revoke-public-ingress shows only the rules it revokes).
 */
export const LIST_VIEWS: Readonly<Record<string, string>> = { worldOpenIngress: "ingress" };

function overlay(base: unknown, over: unknown): unknown {
  if (!isPlain(base) || !isPlain(over)) return over;
  const out: Plain = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = overlay(base[key], value);
  return out;
}

function applyListViews(resource: Plain, plan: RemediationPlan): Plain {
  const out = { ...resource };
  const before = isPlain(plan.before) ? plan.before : {};
  const after = isPlain(plan.after) ? plan.after : {};
  for (const [view, field] of Object.entries(LIST_VIEWS)) {
    if (!(view in after) || !Array.isArray(out[field])) continue;
    const kept = new Set((Array.isArray(after[view]) ? after[view] : []).map(stableStringify));
    const removed = new Set((Array.isArray(before[view]) ? before[view] : []).map(stableStringify).filter((e) => !kept.has(e)));
    out[field] = (out[field] as unknown[]).filter((e) => !removed.has(stableStringify(e)));
    delete out[view];
  }
  return out;
}

/** The resource with its derived fields worked out from the others, as a collector would read it. */
export function consistent(resource: Resource): Resource {
  const rederive = findKind(resource.kind)?.rederive;
  return (rederive ? rederive(resource as unknown as Plain) : resource) as unknown as Resource;
}

/** The resource after the planned change. */
export function afterState(resource: Resource, plan: RemediationPlan): Resource {
  const changes = Object.fromEntries(Object.entries(isPlain(plan.after) ? plan.after : {}).filter(([k]) => !(k in LIST_VIEWS)));
  return consistent(overlay(applyListViews(resource as unknown as Plain, plan), changes) as Resource);
}
