// Finding repository: bulk inserts per run, and the queries reports need.
import { z } from "zod";
import { errorMessage } from "../core/errors.js";
import { EvidenceSchema, FindingSchema, ResourceEnvelopeSchema } from "../contracts/resource.js";
import type { Finding, Resource } from "../contracts/resource.js";
import { decodeRows, fromJson, guarded, parseInput, toJson } from "./codec.js";
import type { StoreContext } from "./context.js";
import { newId } from "./ids.js";
import { latestCompletedRuns, pruneFindings } from "./retention.js";
import { FindingQuerySchema } from "./records.js";
import type { FindingQuery, StoredFinding } from "./records.js";
import type { FindingsTable, RunFindingsTable } from "./tables.js";
import { findingLocation, fromLocationColumns, toLocationColumns } from "./location.js";

/**
 * Rows per INSERT statement: 17 columns × 1,000 = 17,000 bound parameters, inside the
 * limits of SQLite (32,766) and PostgreSQL (65,535).
 */
export const FINDINGS_PER_STATEMENT = 1_000;

/** One pair of a run's working findings; a failing one carries its resource's snapshot. */
export interface RunFinding {
  seq: number;
  finding: Finding;
  resource: Resource | null;
}

export interface RunFindingQuery {
  /** Rows after this seq (paging); from the first when absent. */
  after?: number;
  limit?: number;
  /** Only failing pairs (what enforcement plans from). */
  failing?: boolean;
}

export interface FindingRepository {
  insertFindings(runId: string, findings: readonly Finding[]): Promise<number>;
  /** Adds evaluated pairs to a run's working findings, numbered from `start` (see migrations/0006). */
  appendRunFindings(runId: string, start: number, items: ReadonlyArray<{ finding: Finding; resource?: Resource }>): Promise<number>;
  /** A page of a run's working findings in evaluation order. */
  readRunFindings(runId: string, query?: RunFindingQuery): Promise<RunFinding[]>;
  /** Drops a run's working findings (an evaluation that starts again); returns the count. */
  clearRunFindings(runId: string): Promise<number>;
  listFindings(query?: FindingQuery): Promise<StoredFinding[]>;
  latestFindings(query?: { policyId?: string }): Promise<StoredFinding[]>;
  pruneFindings(query?: { olderThanDays?: number }): Promise<number>;
}

const FindingsSchema = z.array(FindingSchema);
/** A snapshot as collected: the envelope checked, the kind's model fields kept as they are. */
const SnapshotSchema = ResourceEnvelopeSchema.loose();
const RunFindingsInputSchema = z.array(z.object({ finding: FindingSchema, resource: SnapshotSchema.optional() }));
const RunFindingQuerySchema = z.object({ after: z.number().int().optional(), limit: z.number().int().positive().optional(), failing: z.boolean().optional() });

function toRunFinding(row: RunFindingsTable): RunFinding {
  const where = `run_findings(${row.run_id}, ${row.seq})`;
  return {
    seq: row.seq,
    finding: fromJson(FindingSchema, row.finding, `${where}.finding`),
    resource: row.resource === null ? null : (fromJson(SnapshotSchema, row.resource, `${where}.resource`) as Resource),
  };
}

const DAY_MS = 86_400_000;
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
    location: fromLocationColumns(row),
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
    ...toLocationColumns(findingLocation(finding)),
    status: finding.status,
    reason: finding.reason,
    evidence: toJson(finding.evidence),
    created_at: at,
  };
}

/** Automatic pruning runs at most this often per open store, so a sweep of many policies prunes once. */
const PRUNE_EVERY_MS = 3_600_000;

export function createFindingRepository({ db, now, unreadable, warn, findingsRetentionDays }: StoreContext): FindingRepository {
  let lastPruned = Number.NEGATIVE_INFINITY;
  let lastPrunedWorking = Number.NEGATIVE_INFINITY;
  const prune = (days: number) => guarded("pruneFindings", () => pruneFindings(db, days, now()));

  /** After a run's findings are written: prune by the retention setting; a failure only warns, the insert stands. */
  async function pruneAfterInsert(): Promise<void> {
    if (findingsRetentionDays === 0) return;
    const at = Date.parse(now());
    if (at - lastPruned < PRUNE_EVERY_MS) return;
    lastPruned = at;
    try {
      await prune(findingsRetentionDays);
    } catch (error) {
      warn(`warning: findings retention could not prune old findings: ${errorMessage(error)}`);
    }
  }

  /**
   * Working findings of runs finished more than a day ago: their report (and, but for checks, the
   * findings table) holds them; the day leaves a retried job time to rebuild its report from them.
   */
  async function pruneWorkingRows(): Promise<void> {
    const at = Date.parse(now());
    if (at - lastPrunedWorking < PRUNE_EVERY_MS) return;
    lastPrunedWorking = at;
    const cutoff = new Date(at - DAY_MS).toISOString();
    try {
      await guarded("pruneRunFindings", () =>
        db.deleteFrom("run_findings")
          .where("run_id", "in", db.selectFrom("runs").select("id").where("status", "in", ["completed", "failed", "rejected", "stale", "needs-input"]).where("updated_at", "<", cutoff))
          .execute(),
      );
    } catch (error) {
      warn(`warning: could not prune finished runs' working findings: ${errorMessage(error)}`);
    }
  }

  return {
    async appendRunFindings(runId, start, input) {
      const items = parseInput(RunFindingsInputSchema, input, "run findings");
      if (items.length === 0) return 0;
      const rows: RunFindingsTable[] = items.map(({ finding, resource }, i) => ({
        run_id: runId, seq: start + i, status: finding.status, finding: toJson(finding), resource: resource ? toJson(resource) : null,
      }));
      // Rows per statement: 5 columns, far inside both engines' parameter limits.
      await guarded("appendRunFindings", () =>
        db.transaction().execute(async (trx) => {
          for (let i = 0; i < rows.length; i += FINDINGS_PER_STATEMENT) {
            await trx.insertInto("run_findings").values(rows.slice(i, i + FINDINGS_PER_STATEMENT)).execute();
          }
        }),
      );
      await pruneWorkingRows();
      return rows.length;
    },

    async readRunFindings(runId, input = {}) {
      const query = parseInput(RunFindingQuerySchema, input, "run finding query");
      const rows = await guarded("readRunFindings", () => {
        let select = db.selectFrom("run_findings").selectAll().where("run_id", "=", runId).orderBy("seq");
        if (query.after !== undefined) select = select.where("seq", ">", query.after);
        if (query.failing) select = select.where("status", "=", "fail");
        if (query.limit !== undefined) select = select.limit(query.limit);
        return select.execute();
      });
      return decodeRows("readRunFindings", rows, toRunFinding, unreadable);
    },

    async clearRunFindings(runId) {
      const result = await guarded("clearRunFindings", () => db.deleteFrom("run_findings").where("run_id", "=", runId).executeTakeFirst());
      return Number(result.numDeletedRows);
    },

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
      await pruneAfterInsert();
      return rows.length;
    },

    /**
     * Deletes per-run findings older than `olderThanDays` (default: the store's retention), keeping
     * each policy's latest completed run and unfinished runs; history and audit stay. Returns the count.
     */
    async pruneFindings(input = {}) {
      const { olderThanDays } = parseInput(z.object({ olderThanDays: z.number().int().positive().optional() }), input, "prune query");
      const days = olderThanDays ?? findingsRetentionDays;
      return days === 0 ? 0 : prune(days);
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
        const latest = await latestCompletedRuns(db, policyId);
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
