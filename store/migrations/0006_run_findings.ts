// A run's working findings: every evaluated (rule, resource) pair, written by the evaluate step in
// batches as it evaluates, so the graph's checkpointed state carries counts instead of findings.
// Failing pairs keep their resource's snapshot for the enforcer's plan. The row is the Finding as
// JSON (read back through FindingSchema): nothing queries inside it but by run, order and status.
import type { Kysely, Migration } from "kysely";

export const runFindings: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("run_findings")
      .addColumn("run_id", "text", (c) => c.notNull())
      .addColumn("seq", "integer", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("finding", "text", (c) => c.notNull())
      .addColumn("resource", "text")
      .addPrimaryKeyConstraint("run_findings_pk", ["run_id", "seq"])
      .execute();
  },
};
