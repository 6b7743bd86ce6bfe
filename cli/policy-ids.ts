// Policies named on the command line (`--policy`) must be active now: an unknown or retired id is
// refused before anything is queued or scheduled, naming the close matches.
import { AgpmError } from "../core/errors.js";
import type { Store } from "../store/index.js";

/** Edit distance, for "did you mean" (ids are short). */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min((row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length] ?? 0;
}

/** Up to three ids that look like `id`: it is part of them (or they of it), or a few edits away. */
export function closeMatches(id: string, candidates: readonly string[]): string[] {
  const within = Math.max(2, Math.floor(id.length / 3));
  return candidates
    .map((c) => ({ c, d: c.includes(id) || id.includes(c) ? 0 : distance(id, c) }))
    .filter(({ d }) => d <= within)
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c))
    .slice(0, 3)
    .map(({ c }) => c);
}

/**
 * @throws AgpmError POLICY_NOT_FOUND naming the first id that is not an active policy, whether
 * it is retired or unknown, and the active ids close to it.
 */
export async function requireActivePolicies(store: Store, ids: readonly string[] | undefined): Promise<void> {
  if (!ids || ids.length === 0) return;
  const policies = await store.policies.listPolicies();
  const active = policies.filter((p) => p.status === "active").map((p) => p.id);
  for (const id of ids) {
    if (active.includes(id)) continue;
    const retired = policies.some((p) => p.id === id && p.status === "retired");
    const near = closeMatches(id, active);
    const hint = near.length > 0 ? `; did you mean ${near.join(", ")}?` : active.length > 0 ? "; agpm policies lists them" : "; there are no active policies yet";
    throw new AgpmError("POLICY_NOT_FOUND", `${retired ? `policy ${id} is retired` : `no policy ${id}`}: only active policies can be swept${hint}`, { details: { policyId: id, closeMatches: near } });
  }
}
