// Findings history: the current status of every (policy, rule, resource) and the changes
// between sweeps — drift, recovery, remediation — so "what changed" is a query, not a diff.
import type { Kysely, Migration } from "kysely";

export const history: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("finding_states")
      .addColumn("policy_id", "text", (c) => c.notNull())
      .addColumn("rule_id", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("region", "text", (c) => c.notNull())
      .addColumn("resource_id", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("since", "text", (c) => c.notNull())
      .addColumn("last_seen", "text", (c) => c.notNull())
      .addColumn("run_id", "text", (c) => c.notNull())
      .addColumn("policy_version", "integer", (c) => c.notNull())
      .addPrimaryKeyConstraint("finding_states_pk", ["policy_id", "rule_id", "kind", "region", "resource_id"])
      .execute();
    await db.schema.createIndex("finding_states_scope_idx").on("finding_states").columns(["policy_id", "region", "kind"]).execute();
    await db.schema.createIndex("finding_states_status_idx").on("finding_states").columns(["status", "policy_id"]).execute();

    await db.schema
      .createTable("finding_changes")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("at", "text", (c) => c.notNull())
      .addColumn("run_id", "text", (c) => c.notNull())
      .addColumn("policy_id", "text", (c) => c.notNull())
      .addColumn("policy_version", "integer", (c) => c.notNull())
      .addColumn("rule_id", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("region", "text", (c) => c.notNull())
      .addColumn("resource_id", "text", (c) => c.notNull())
      .addColumn("change", "text", (c) => c.notNull())
      .addColumn("from_status", "text")
      .addColumn("to_status", "text")
      .addColumn("reason", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("finding_changes_policy_idx").on("finding_changes").columns(["policy_id", "at"]).execute();
    await db.schema.createIndex("finding_changes_run_idx").on("finding_changes").column("run_id").execute();
    await db.schema.createIndex("finding_changes_resource_idx").on("finding_changes").columns(["resource_id", "at"]).execute();
  },
};
