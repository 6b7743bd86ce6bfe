// What enforcement would do: one work item per (resource, action, params), from the failing
// findings of an enforce-mode policy.
import { stableStringify } from "../../core/stable-json.js";
import { findingIdentity, resourceIdentity, type Finding, type Resource } from "../../contracts/resource.js";
import type { Policy, Rule } from "../../contracts/policy.js";
import { findAction } from "../../engine/registry.js";
import type { Action as RemediationAction, SourceApplies } from "../../engine/domain.js";
import type { Plan } from "../../contracts/run.js";

export interface WorkItem {
  resource: Resource;
  action: RemediationAction;
  params: unknown;
  rules: Rule[];
}

export const resourceKey = (kind: string, region: string, id: string) => `${kind}\u0000${region}\u0000${id}`;

/** A change another run plans and a person has not yet decided on (see agents/approval/pending.ts). */
export interface HeldBy {
  runId: string;
  /** The action it plans, or null when its plan cannot be read. */
  action: string | null;
  /** Why the run's stored plan cannot be read, and its policy: it then holds every resource of the policy's kinds. */
  unreadable?: { reason: string; policyId: string | null };
}

/** What paused runs hold: resources their plans name, and whole kinds for runs whose plans cannot be read. */
export interface Holds {
  resources: ReadonlyMap<string, HeldBy>;
  /** `kinds: null`: the run's policy cannot be read either, so it holds every kind. */
  kinds: ReadonlyArray<{ by: HeldBy; kinds: ReadonlySet<string> | null }>;
}

export const NO_HOLDS: Holds = { resources: new Map(), kinds: [] };

/**
 * Splits work into what may be applied and what must wait: an automatic change never goes
 * ahead on a resource whose change waits for a person's decision, whichever policy asks for it —
 * nor on one a paused run might change when its plan cannot be read. Manual items change nothing,
 * so they are never held.
 */
export function holdPending(items: readonly WorkItem[], holds: Holds): { free: WorkItem[]; held: Array<{ item: WorkItem; by: HeldBy }> } {
  const free: WorkItem[] = [];
  const held: Array<{ item: WorkItem; by: HeldBy }> = [];
  for (const item of items) {
    const { kind, region, id } = item.resource;
    const by = item.action.manual ? undefined : holds.resources.get(resourceKey(kind, region, id)) ?? holds.kinds.find((h) => h.kinds === null || h.kinds.has(kind))?.by;
    if (by) held.push({ item, by });
    else free.push(item);
  }
  return { free, held };
}

/**
 * The work a session can take: a read-only one ("none") takes no automatic fix, not even as a plan
 * or proposal — only manual guidance is left; `dropped` counts what was left out, for the run's note.
 */
export function applicableItems(items: readonly WorkItem[], applies: SourceApplies): { items: WorkItem[]; dropped: number } {
  if (applies !== "none") return { items: [...items], dropped: 0 };
  const kept = items.filter((item) => item.action.manual);
  return { items: kept, dropped: items.length - kept.length };
}

export function workItems(policy: Policy, plan: Plan, findings: readonly Finding[], failing: readonly Resource[]): WorkItem[] {
  if (policy.mode !== "enforce" || plan.operation === "check-only") return [];
  const rules = new Map(policy.rules.map((r) => [r.id, r]));
  const snapshots = new Map(failing.map((r) => [resourceIdentity(r), r]));
  const items = new Map<string, WorkItem>();
  for (const finding of findings) {
    if (finding.status !== "fail") continue;
    const rule = rules.get(finding.ruleId);
    const action = rule?.remediation ? findAction(rule.remediation.action) : undefined;
    const where = findingIdentity(finding);
    const resource = snapshots.get(where);
    if (!rule || !action || !resource) continue;
    const params = action.params.parse(rule.remediation?.params ?? {});
    const key = `${where}\u0000${action.name}\u0000${stableStringify(params)}`;
    const existing = items.get(key);
    if (existing) existing.rules.push(rule);
    else items.set(key, { resource, action, params, rules: [rule] });
  }
  return [...items.values()];
}
