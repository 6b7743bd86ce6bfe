// Initial schema: policies and their versions, runs, findings, audit events. Portable DDL only.
import type { Kysely, Migration } from "kysely";

export const initial: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("policies")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("current_version", "integer", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("policy_versions")
      .addColumn("policy_id", "text", (c) => c.notNull().references("policies.id"))
      .addColumn("version", "integer", (c) => c.notNull())
      .addColumn("document", "text", (c) => c.notNull())
      .addColumn("intent", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("created_by", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("policy_versions_pk", ["policy_id", "version"])
      .execute();

    await db.schema
      .createTable("runs")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("intent", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("target", "text", (c) => c.notNull())
      .addColumn("options", "text", (c) => c.notNull())
      .addColumn("policy_id", "text")
      .addColumn("policy_version", "integer")
      .addColumn("actor", "text", (c) => c.notNull())
      .addColumn("result", "text")
      .addColumn("error", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("runs_status_created_idx").on("runs").columns(["status", "created_at"]).execute();
    await db.schema.createIndex("runs_created_idx").on("runs").column("created_at").execute();

    await db.schema
      .createTable("findings")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("run_id", "text", (c) => c.notNull().references("runs.id"))
      .addColumn("policy_id", "text", (c) => c.notNull())
      .addColumn("policy_version", "integer", (c) => c.notNull())
      .addColumn("rule_id", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("resource_id", "text", (c) => c.notNull())
      .addColumn("region", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("reason", "text", (c) => c.notNull())
      .addColumn("evidence", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("findings_run_idx").on("findings").column("run_id").execute();
    await db.schema.createIndex("findings_policy_resource_idx").on("findings").columns(["policy_id", "resource_id"]).execute();
    // Covers "which runs produced findings for this policy" without reading the rows (latestFindings).
    await db.schema.createIndex("findings_policy_run_idx").on("findings").columns(["policy_id", "run_id"]).execute();

    await db.schema
      .createTable("audit_events")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("at", "text", (c) => c.notNull())
      .addColumn("actor", "text", (c) => c.notNull())
      .addColumn("run_id", "text")
      .addColumn("policy_id", "text")
      .addColumn("policy_version", "integer")
      .addColumn("resource_id", "text")
      .addColumn("kind", "text")
      .addColumn("region", "text")
      .addColumn("action", "text")
      .addColumn("before", "text")
      .addColumn("after", "text")
      .addColumn("result", "text", (c) => c.notNull())
      .addColumn("detail", "text")
      .addColumn("dedupe_key", "text", (c) => c.unique())
      .execute();
    await db.schema.createIndex("audit_run_idx").on("audit_events").column("run_id").execute();
    await db.schema.createIndex("audit_policy_idx").on("audit_events").column("policy_id").execute();
    await db.schema.createIndex("audit_resource_idx").on("audit_events").column("resource_id").execute();
  },
};
