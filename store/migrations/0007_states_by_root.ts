// The finding-state scope index gains the root (AWS: the account) and the rest of the key. Before, it
// stopped at (policy, domain, partition, kind): in an organisation every account's states of a policy
// share those, so each run's "seen" update and each changed row's lookup read every account's rows —
// measured by bench:org, 10 accounts × 2,000 resources fetched ~1 billion rows in one sweep. Now a run
// reads its own account's rows, and a row's lookup is one index hit, whatever the organisation's size.
import type { Kysely, Migration } from "kysely";

export const statesByRoot: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex("finding_states_scope_idx").execute();
    await db.schema.createIndex("finding_states_scope_idx").on("finding_states")
      .columns(["policy_id", "domain", "partition", "root", "kind", "resource_id", "rule_id"]).execute();
  },
};
