// The finding-state scope index leads with what the history's scope queries name — policy,
// partitions, root (AWS: the account), kinds — then the rest of the key. It was (policy, domain,
// partition, kind), and those queries name no domain, so only the policy narrowed them: in an
// organisation each run's "seen" update and each changed row's lookup read every account's states.
// bench:org measured it: sweeping 10 accounts × 2,000 resources fetched about 1 billion rows. Now a
// run reads its own account's rows, and a row's lookup is one index hit, whatever the organisation's size.
import type { Kysely, Migration } from "kysely";

export const statesByRoot: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex("finding_states_scope_idx").execute();
    await db.schema.createIndex("finding_states_scope_idx").on("finding_states")
      // The history's scope queries name policy, partitions, root and kinds but no domain: domain comes after them.
      .columns(["policy_id", "partition", "root", "kind", "domain", "resource_id", "rule_id"]).execute();
  },
};
