// Helpers every collector shares: the resource envelope, tags, dates, paging and
// per-resource read failures that are recorded instead of thrown.
import { AgpmError, errorMessage } from "../../../core/errors.js";
import type { Resource } from "../../../contracts/resource.js";
import { isAwsError } from "../send.js";

export interface TagLike {
  Key?: string | undefined;
  Value?: string | undefined;
}

export function tagsToRecord(tags: readonly TagLike[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const tag of tags ?? []) if (tag.Key !== undefined) out[tag.Key] = tag.Value ?? "";
  return out;
}

export function isoDate(value: Date | string | undefined): string | null {
  if (value === undefined) return null;
  return value instanceof Date ? value.toISOString() : value;
}

export interface Envelope {
  kind: string;
  id: string;
  region: string;
  account: string;
  name: string | null;
  tags: Record<string, string>;
}

/**
 * Builds a resource from its envelope, model fields and read failures. `collectErrors` is
 * present only when some read failed: the evaluator reports `error` for such a resource.
 */
export function makeResource(envelope: Envelope, model: Record<string, unknown>, errors: readonly string[] = []): Resource {
  const resource: Resource = { ...envelope, ...model };
  if (errors.length > 0) resource["collectErrors"] = [...errors];
  return resource;
}

/** Follows a list API's continuation token until the last page. */
export async function paginate<Page, Item>(
  fetchPage: (token: string | undefined) => Promise<Page>,
  items: (page: Page) => readonly Item[] | undefined,
  nextToken: (page: Page) => string | undefined,
): Promise<Item[]> {
  const out: Item[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  do {
    const page = await fetchPage(token);
    out.push(...(items(page) ?? []));
    token = nextToken(page) || undefined;
    if (token !== undefined) {
      // A service that hands back a token twice would otherwise loop forever.
      if (seen.has(token)) throw new AgpmError("AWS_ERROR", `pagination token repeated: ${token}`);
      seen.add(token);
    }
  } while (token !== undefined);
  return out;
}

/**
 * Collects read failures for one resource: `read` turns "not configured" errors into
 * `fallback` facts, records any other failure and returns `fallback` so the rest goes on.
 */
export class ReadLog {
  readonly errors: string[] = [];
  /** Set when a read said the resource no longer exists (deleted while being read). */
  gone = false;

  constructor(private readonly goneErrors: readonly string[] = []) {}

  async read<T>(call: () => Promise<T>, notConfigured: readonly string[], fallback: T): Promise<T> {
    try {
      return await call();
    } catch (e) {
      if (notConfigured.length > 0 && isAwsError(e, ...notConfigured)) return fallback;
      if (this.goneErrors.length > 0 && isAwsError(e, ...this.goneErrors)) {
        this.gone = true;
        return fallback;
      }
      this.errors.push(errorMessage(e));
      return fallback;
    }
  }
}

const DAY_MS = 86_400_000;

/** Whole days from `since` to `now` (never negative); null when `since` is missing or not a date. */
export function daysSince(since: Date | string | undefined | null, now: Date): number | null {
  if (since === undefined || since === null) return null;
  const start = since instanceof Date ? since.getTime() : Date.parse(since);
  if (Number.isNaN(start)) return null;
  return Math.max(0, Math.floor((now.getTime() - start) / DAY_MS));
}
