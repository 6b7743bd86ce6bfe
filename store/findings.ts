// Finding repository: bulk inserts per run, and the queries reports need.
import { z } from "zod";
import { EvidenceSchema, FindingSchema } from "../policy/resource.js";
import type { Finding } from "../policy/resource.js";
import { decodeRows, fromJson, guarded, parseInput, toJson } from "./codec.js";
import type { StoreContext } from "./context.js";
import { newId } from "./ids.js";
import { FindingQuerySchema } from "./records.js";
import type { FindingQuery, StoredFinding } from "./records.js";
import type { FindingsTable } from "./tables.js";

/**
 * Rows per INSERT statement: 12 columns × 1,000 = 12,000 bound parameters, inside the
 * limits of SQLite (32,766) and PostgreSQL (65,535).
 */
export const FINDINGS_PER_STATEMENT = 1_000;

export interface FindingRepository {
  insertFindings(runId: string, findings: readonly Finding[]): Promise<number>;
  listFindings(query?: FindingQuery): Promise<StoredFinding[]>;
  latestFindings(query?: { policyId?: string }): Promise<StoredFinding[]>;
}

const FindingsSchema = z.array(FindingSchema);
const EvidenceListSchema = z.array(EvidenceSchema);

function toStoredFinding(row: FindingsTable): StoredFinding {
  return {
    id: row.id,
    runId: row.run_id,
    policyId: row.policy_id,
    policyVersion: row.policy_version,
    ruleId: row.rule_id,
    kind: row.kind,
    resourceId: row.resource_id,
    region: row.region,
    status: row.status,
    reason: row.reason,
    evidence: fromJson(EvidenceListSchema, row.evidence, `findings(${row.id}).evidence`),
    createdAt: row.created_at,
  };
}

function toRow(runId: string, finding: Finding, at: string): FindingsTable {
  return {
    id: newId("fnd"),
    run_id: runId,
    policy_id: finding.policyId,
    policy_version: finding.policyVersion,
    rule_id: finding.ruleId,
    kind: finding.kind,
    resource_id: finding.resourceId,
    region: finding.region,
    status: finding.status,
    reason: finding.reason,
    evidence: toJson(finding.evidence),
    created_at: at,
  };
}

/** The most recent completed run per policy, from (policy, run, createdAt) candidates. */
function latestRunPerPolicy(candidates: ReadonlyArray<{ policy_id: string; run_id: string; created_at: string }>): Map<string, string> {
  const best = new Map<string, { runId: string; createdAt: string }>();
  for (const { policy_id, run_id, created_at } of candidates) {
    const current = best.get(policy_id);
    // Ids are time-sortable, so they break ties between runs created in the same instant.
    const newer = current === undefined || created_at > current.createdAt || (created_at === current.createdAt && run_id > current.runId);
    if (newer) best.set(policy_id, { runId: run_id, createdAt: created_at });
  }
  return new Map([...best].map(([policyId, { runId }]) => [policyId, runId]));
}

export function createFindingRepository({ db, now, unreadable }: StoreContext): FindingRepository {
  return {
    /**
     * Stores a run's findings in one transaction, many rows per statement; returns the count.
     * @example await store.findings.insertFindings(run.id, evaluation.findings)
     */
    async insertFindings(runId, input) {
      const findings = parseInput(FindingsSchema, input, "findings");
      if (findings.length === 0) return 0;
      const at = now();
      const rows = findings.map((finding) => toRow(runId, finding, at));
      await guarded("insertFindings", () =>
        db.transaction().execute(async (trx) => {
          for (let start = 0; start < rows.length; start += FINDINGS_PER_STATEMENT) {
            await trx.insertInto("findings").values(rows.slice(start, start + FINDINGS_PER_STATEMENT)).execute();
          }
        }),
      );
      return rows.length;
    },

    /** Matching findings in insertion order; all of them unless `limit` is given. */
    async listFindings(input = {}) {
      const query = parseInput(FindingQuerySchema, input, "finding query");
      const rows = await guarded("listFindings", () => {
        let select = db.selectFrom("findings").selectAll().orderBy("id");
        if (query.runId !== undefined) select = select.where("run_id", "=", query.runId);
        if (query.policyId !== undefined) select = select.where("policy_id", "=", query.policyId);
        if (query.status !== undefined) select = select.where("status", "=", query.status);
        if (query.limit !== undefined) select = select.limit(query.limit);
        return select.execute();
      });
      return decodeRows("listFindings", rows, toStoredFinding, unreadable);
    },

    /** For each policy (or the one asked for), the findings of its most recent completed run. */
    async latestFindings(input = {}) {
      const { policyId } = parseInput(z.object({ policyId: z.string().optional() }), input, "latest findings query");
      const rows = await guarded("latestFindings", async () => {
        let pairs = db.selectFrom("findings").select(["policy_id", "run_id"]).distinct();
        if (policyId !== undefined) pairs = pairs.where("policy_id", "=", policyId);
        const candidates = await db
          .selectFrom(pairs.as("pr"))
          .innerJoin("runs as r", "r.id", "pr.run_id")
          .select(["pr.policy_id", "pr.run_id", "r.created_at"])
          .where("r.status", "=", "completed")
          .execute();
        const latest = latestRunPerPolicy(candidates);
        if (latest.size === 0) return [];
        return db
          .selectFrom("findings")
          .selectAll()
          .where((eb) => eb.or([...latest].map(([policy, run]) => eb.and([eb("policy_id", "=", policy), eb("run_id", "=", run)]))))
          .orderBy("policy_id")
          .orderBy("id")
          .execute();
      });
      return decodeRows("latestFindings", rows, toStoredFinding, unreadable);
    },
  };
}
