// Generic resource locations: findings and their history gain domain, partition and root (plus file
// and line), filled from the AWS region of rows written before; history is keyed by them.
import { sql, type Kysely, type Migration } from "kysely";

/** Adds the location columns; old rows are AWS ones in their region, root unknown (''). */
async function addLocation(db: Kysely<unknown>, table: string): Promise<void> {
  await db.schema.alterTable(table).addColumn("domain", "text", (c) => c.notNull().defaultTo("")).execute();
  await db.schema.alterTable(table).addColumn("partition", "text", (c) => c.notNull().defaultTo("")).execute();
  await db.schema.alterTable(table).addColumn("root", "text", (c) => c.notNull().defaultTo("")).execute();
  await db.schema.alterTable(table).addColumn("file", "text").execute();
  await db.schema.alterTable(table).addColumn("line", "integer").execute();
  await sql`update ${sql.table(table)} set ${sql.ref("domain")} = 'aws', ${sql.ref("partition")} = ${sql.ref("region")}`.execute(db);
}

export const location: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await addLocation(db, "findings");
    await addLocation(db, "finding_changes");

    // The status table's key changes (region → domain, partition, root): neither engine alters a
    // primary key in place, so the table is rebuilt and its rows copied.
    await db.schema.alterTable("finding_states").renameTo("finding_states_0003").execute();
    await db.schema
      .createTable("finding_states")
      .addColumn("policy_id", "text", (c) => c.notNull())
      .addColumn("rule_id", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("domain", "text", (c) => c.notNull())
      .addColumn("partition", "text", (c) => c.notNull())
      .addColumn("root", "text", (c) => c.notNull())
      .addColumn("file", "text")
      .addColumn("line", "integer")
      .addColumn("region", "text", (c) => c.notNull())
      .addColumn("resource_id", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("since", "text", (c) => c.notNull())
      .addColumn("last_seen", "text", (c) => c.notNull())
      .addColumn("run_id", "text", (c) => c.notNull())
      .addColumn("policy_version", "integer", (c) => c.notNull())
      .addPrimaryKeyConstraint("finding_states_location_pk", ["policy_id", "rule_id", "kind", "domain", "partition", "root", "resource_id"])
      .execute();
    await sql`insert into finding_states (policy_id, rule_id, kind, ${sql.ref("domain")}, ${sql.ref("partition")}, root, region, resource_id, status, since, last_seen, run_id, policy_version)
      select policy_id, rule_id, kind, 'aws', region, '', region, resource_id, status, since, last_seen, run_id, policy_version from finding_states_0003`.execute(db);
    await db.schema.dropTable("finding_states_0003").execute();
    await db.schema.createIndex("finding_states_scope_idx").on("finding_states").columns(["policy_id", "domain", "partition", "kind"]).execute();
    await db.schema.createIndex("finding_states_status_idx").on("finding_states").columns(["status", "policy_id"]).execute();
  },
};
