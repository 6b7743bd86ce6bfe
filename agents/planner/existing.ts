// Finds the stored policy an update or retire intent refers to.
import type { Policy } from "../../contracts/policy.js";
import type { Store } from "../../store/index.js";

export interface ExistingChoice {
  policy: Policy | null;
  /** Other candidates, when the choice was not unique. */
  others: Policy[];
}

/** The active policy governing these kinds that shares most controls with the intent. */
export async function findExistingPolicy(store: Store, kinds: readonly string[], controls: readonly string[]): Promise<ExistingChoice> {
  const byId = new Map<string, Policy>();
  for (const kind of kinds) {
    for (const policy of await store.policies.findActiveByKind(kind)) byId.set(policy.id, policy);
  }
  const candidates = [...byId.values()];
  const overlap = (p: Policy) => p.rules.filter((r) => r.control !== undefined && controls.includes(r.control)).length;
  candidates.sort((a, b) => overlap(b) - overlap(a));
  const [policy = null, ...others] = candidates;
  return { policy, others };
}
