// Helpers shared by remediation actions: reading the model fields an action needs, and
// reducing a before/after pair to exactly the fields that change.
import type { z } from "zod";
import { AgpmError } from "../../../core/errors.js";
import type { Resource } from "../../../contracts/resource.js";
import type { JsonValue } from "../../../contracts/policy.js";
import type { RemediationPlan } from "../kind-tools.js";

/** Validates the part of a resource an action relies on; a mismatch is a caller bug. */
export function readFields<T>(resource: Resource, schema: z.ZodType<T>, action: string): T {
  const parsed = schema.safeParse(resource);
  if (!parsed.success) {
    throw new AgpmError("INPUT_INVALID", `${action}: resource ${resource.id} is not a ${resource.kind} it can act on: ${parsed.error.message}`, {
      details: { action, resourceId: resource.id, kind: resource.kind },
    });
  }
  return parsed.data;
}

type JsonObject = { [key: string]: JsonValue };

function same(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The entries of `after` that differ from `before`, one level deep under `field`:
 * `{ before: { field: { changed… } }, after: { field: { changed… } } }`, or null when nothing changes.
 * A null `before` (not configured) is shown whole.
 */
export function changeOf(field: string, before: JsonObject | null, after: JsonObject, summary: string): RemediationPlan | null {
  if (before === null) return { before: { [field]: null }, after: { [field]: after }, summary };
  const was: JsonObject = {};
  const will: JsonObject = {};
  for (const [key, value] of Object.entries(after)) {
    if (same(before[key], value)) continue;
    was[key] = before[key] ?? null;
    will[key] = value;
  }
  if (Object.keys(will).length === 0) return null;
  return { before: { [field]: was }, after: { [field]: will }, summary };
}

/** "id (name) in region", for guidance text. */
export function describeResource(r: Resource): string {
  return `${r.id}${r.name && r.name !== r.id ? ` (${r.name})` : ""} in ${r.region}`;
}

