// What a resource is after an apply attempt, read again and cut to the fields the plan changes,
// so the audit's `after` is the account's answer rather than the plan's hope.
import { errorMessage } from "../../core/errors.js";
import { locationOf, type Resource } from "../../contracts/resource.js";
import type { JsonValue } from "../../contracts/policy.js";
import type { OpenedTarget } from "../../graphs/deps.js";
import { LIST_VIEWS } from "../validator/after-state.js";
import type { ActionResult } from "../../graphs/state.js";
import type { WorkItem } from "./work-items.js";

type Plain = Record<string, JsonValue>;
const isPlain = (v: unknown): v is Plain => typeof v === "object" && v !== null && !Array.isArray(v);

/** The resource's values where the plan's after-state says what changes (a list view shows the whole list it views). */
export function projectOnPlan(resource: Resource, planned: JsonValue): JsonValue {
  const fields = resource as unknown as Plain;
  if (!isPlain(planned)) return fields as JsonValue;
  const out: Plain = {};
  for (const [key, value] of Object.entries(planned)) {
    const field = LIST_VIEWS[key] ?? key;
    const actual = fields[field];
    if (actual === undefined) continue;
    out[field] = isPlain(value) && isPlain(actual) ? Object.fromEntries(Object.keys(value).map((k) => [k, actual[k] ?? null])) : actual;
  }
  return out;
}

export interface Observed {
  resource: Resource | null;
  /** The projection recorded as the audit's `after`; null when the resource is gone or cannot be read. */
  after: JsonValue;
  /** Appended to the outcome's detail when the re-read says something the outcome does not. */
  note: string;
}

export async function observedAfter(session: OpenedTarget, item: WorkItem, planned: ActionResult): Promise<Observed> {
  try {
    const where = locationOf(item.resource);
    const resource = await session.collectOne(item.resource.kind, item.resource.id, where.partition, where.root || undefined);
    if (!resource) return { resource: null, after: null, note: "; the resource no longer exists when read again" };
    return { resource, after: projectOnPlan(resource, (planned.after ?? null) as JsonValue), note: "" };
  } catch (error) {
    return { resource: null, after: null, note: `; it could not be read again: ${errorMessage(error)}` };
  }
}
