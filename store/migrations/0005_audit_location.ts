// Audit events gain the generic location (domain, partition, root, file, line) beside the AWS region.
// Unlike findings, an event need not name a resource (approvals, tokens): its location columns stay null.
import { sql, type Kysely, type Migration } from "kysely";

export const auditLocation: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    for (const column of ["domain", "partition", "root", "file"]) {
      await db.schema.alterTable("audit_events").addColumn(column, "text").execute();
    }
    await db.schema.alterTable("audit_events").addColumn("line", "integer").execute();
    // Events written before: a region means an AWS resource in it, its account unknown ('').
    await sql`update audit_events set ${sql.ref("domain")} = 'aws', ${sql.ref("partition")} = region, root = '' where region is not null`.execute(db);
  },
};
