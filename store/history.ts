// Findings history: each observation of a policy (a sweep, or a run) is compared with the
// stored status of every (rule, resource); what changed becomes a change row — drift,
// recovered, remediated, removed — and the status table moves on.
import { z } from "zod";
import { EvaluationStatusSchema, FindingSchema, LocationSchema, type EvaluationStatus, type Finding, type Location } from "../contracts/resource.js";
import { guarded, parseInput } from "./codec.js";
import type { StoreContext } from "./context.js";
import { newId } from "./ids.js";
import type { FindingChangesTable, FindingStatesTable } from "./tables.js";
import { findingLocation, fromLocationColumns, toLocationColumns, type LocationColumns } from "./location.js";

export const FINDING_CHANGES = ["drift", "recovered", "remediated", "removed"] as const;
export const FindingChangeKindSchema = z.enum(FINDING_CHANGES);
/** drift: newly failing. recovered: no longer failing. remediated: fixed and verified by agpm. removed: a failing resource is gone. */
export type FindingChangeKind = z.infer<typeof FindingChangeKindSchema>;

export const FindingChangeSchema = z.object({
  id: z.string(),
  at: z.string(),
  runId: z.string(),
  policyId: z.string(),
  policyVersion: z.number().int(),
  ruleId: z.string(),
  kind: z.string(),
  region: z.string(),
  location: LocationSchema,
  resourceId: z.string(),
  change: FindingChangeKindSchema,
  fromStatus: EvaluationStatusSchema.nullable(),
  toStatus: EvaluationStatusSchema.nullable(),
  reason: z.string(),
});
export type FindingChange = z.infer<typeof FindingChangeSchema>;

export const FindingStateSchema = z.object({
  policyId: z.string(),
  ruleId: z.string(),
  kind: z.string(),
  region: z.string(),
  location: LocationSchema,
  resourceId: z.string(),
  status: EvaluationStatusSchema,
  since: z.string(),
  lastSeen: z.string(),
  runId: z.string(),
  policyVersion: z.number().int(),
});
export type FindingState = z.infer<typeof FindingStateSchema>;

export const ObservationSchema = z.object({
  runId: z.string().min(1),
  policyId: z.string().min(1),
  policyVersion: z.number().int().positive(),
  findings: z.array(FindingSchema),
  /**
   * What was fully read: a stored status inside it with no finding now means the resource is
   * gone. Partitions null or absent = every partition (`regions` is the AWS spelling); `root`, when
   * given, keeps other roots' statuses out. Kinds that could not be listed must be left out.
   */
  coverage: z
    .object({
      partitions: z.array(z.string()).nullable().optional(),
      regions: z.array(z.string()).nullable().optional(),
      root: z.string().optional(),
      kinds: z.array(z.string()),
    })
    .transform(({ partitions, regions, root, kinds }) => ({ partitions: partitions ?? regions ?? null, root: root ?? null, kinds })),
});
export type Observation = z.input<typeof ObservationSchema>;

export interface ObservationResult {
  /** The policy had no history: this observation is the baseline, nothing counts as drift. */
  baseline: boolean;
  changes: FindingChange[];
  /** (rule, resource) pairs failing now and at the previous observation too. */
  stillFailing: number;
}

export const RemediationRecordSchema = z.object({
  runId: z.string().min(1),
  policyId: z.string().min(1),
  policyVersion: z.number().int().positive(),
  items: z.array(z.object({
    kind: z.string(), region: z.string(), location: LocationSchema.optional(), resourceId: z.string(), ruleIds: z.array(z.string()), summary: z.string(),
  })),
});
export type RemediationRecord = z.input<typeof RemediationRecordSchema>;

export const ChangeQuerySchema = z.object({
  policyId: z.string().optional(),
  resourceId: z.string().optional(),
  runId: z.string().optional(),
  change: FindingChangeKindSchema.optional(),
  /** ISO timestamp: only changes at or after it. */
  since: z.string().optional(),
  limit: z.number().int().positive().optional(),
});
export type ChangeQuery = z.input<typeof ChangeQuerySchema>;

export const StateQuerySchema = z.object({
  policyId: z.string().optional(),
  status: EvaluationStatusSchema.optional(),
  limit: z.number().int().positive().optional(),
});
export type StateQuery = z.input<typeof StateQuerySchema>;

export interface HistoryRepository {
  /** Compares an observation with the stored statuses; idempotent for a run already recorded. */
  recordObservation(observation: Observation): Promise<ObservationResult>;
  /** Marks verified remediations: the rules they fixed pass from now on. */
  recordRemediations(record: RemediationRecord): Promise<FindingChange[]>;
  listChanges(query?: ChangeQuery): Promise<FindingChange[]>;
  listStates(query?: StateQuery): Promise<FindingState[]>;
}

/** Rows per INSERT: 18 columns × 500 stays far inside both engines' parameter limits. */
const ROWS_PER_STATEMENT = 500;

type Keyed = { rule_id: string; kind: string; resource_id: string } & Pick<LocationColumns, "domain" | "partition" | "root">;
const keyOf = (r: Keyed, root = r.root) => [r.rule_id, r.kind, r.domain, r.partition, root, r.resource_id].join("\u0000");
/** Statuses written before locations existed have root '': the first observation with a root adopts them. */
const UNKNOWN_ROOT = "";

/** The primary key of a status row, as a where clause. */
const stateKey = (r: Keyed & { policy_id: string }) => ({
  policy_id: r.policy_id, rule_id: r.rule_id, kind: r.kind, domain: r.domain, partition: r.partition, root: r.root, resource_id: r.resource_id,
});

const FAILING: ReadonlySet<EvaluationStatus> = new Set(["fail"]);
const CLEAN: ReadonlySet<EvaluationStatus> = new Set(["pass", "skip"]);

function toChange(row: FindingChangesTable): FindingChange {
  return {
    id: row.id, at: row.at, runId: row.run_id, policyId: row.policy_id, policyVersion: row.policy_version,
    ruleId: row.rule_id, kind: row.kind, region: row.region, location: fromLocationColumns(row), resourceId: row.resource_id,
    change: FindingChangeKindSchema.parse(row.change), fromStatus: row.from_status, toStatus: row.to_status, reason: row.reason,
  };
}

function toState(row: FindingStatesTable): FindingState {
  return {
    policyId: row.policy_id, ruleId: row.rule_id, kind: row.kind, region: row.region, location: fromLocationColumns(row), resourceId: row.resource_id,
    status: row.status, since: row.since, lastSeen: row.last_seen, runId: row.run_id, policyVersion: row.policy_version,
  };
}

/**
 * What a status change means, if anything worth a row. The first observation of a (rule,
 * resource) — a new policy, a rule added in a later version, a resource first seen — is its
 * baseline: failing from the start, never drift. Drift is only clean → failing.
 */
function classify(from: EvaluationStatus | null, to: EvaluationStatus): FindingChangeKind | null {
  if (from === null) return null;
  if (FAILING.has(to)) return CLEAN.has(from) ? "drift" : null;
  return FAILING.has(from) && CLEAN.has(to) ? "recovered" : null;
}

export function createHistoryRepository({ db, now }: StoreContext): HistoryRepository {
  return {
    async recordObservation(input) {
      const obs = parseInput(ObservationSchema, input, "observation");
      return guarded("recordObservation", () =>
        db.transaction().execute(async (trx) => {
          const recorded = await trx.selectFrom("finding_changes").selectAll().where("run_id", "=", obs.runId).where("change", "!=", "remediated").orderBy("id").execute();
          const sameRun = await trx.selectFrom("finding_states").select("run_id").where("policy_id", "=", obs.policyId).where("run_id", "=", obs.runId).limit(1).executeTakeFirst();
          if (recorded.length > 0 || sameRun !== undefined) {
            // A retried step: report what the first attempt recorded instead of comparing with itself.
            const stillFailing = obs.findings.filter((f) => f.status === "fail").length - recorded.filter((c) => c.change === "drift").length;
            return { baseline: false, changes: recorded.map(toChange), stillFailing: Math.max(0, stillFailing) };
          }
          const anyState = await trx.selectFrom("finding_states").select("run_id").where("policy_id", "=", obs.policyId).limit(1).executeTakeFirst();
          const anyChange = await trx.selectFrom("finding_changes").select("id").where("policy_id", "=", obs.policyId).limit(1).executeTakeFirst();
          const baseline = anyState === undefined && anyChange === undefined;
          const { partitions, root, kinds } = obs.coverage;
          let previousQuery = trx.selectFrom("finding_states").selectAll().where("policy_id", "=", obs.policyId);
          if (partitions !== null) previousQuery = previousQuery.where("partition", "in", partitions.length > 0 ? partitions : [""]);
          if (root !== null) previousQuery = previousQuery.where("root", "in", [root, UNKNOWN_ROOT]);
          const previousRows = kinds.length > 0 ? await previousQuery.where("kind", "in", kinds).execute() : [];
          const previous = new Map(previousRows.map((row) => [keyOf(row), row]));
          const at = now();
          const changes: FindingChangesTable[] = [];
          const inserts: FindingStatesTable[] = [];
          const moved: FindingStatesTable[] = [];
          const rerooted: Array<{ from: FindingStatesTable; root: string }> = [];
          let stillFailing = 0;
          const change = (f: Omit<FindingStatesTable, "status" | "since" | "last_seen" | "run_id" | "policy_version" | "policy_id">, kind: FindingChangeKind, from: EvaluationStatus | null, to: EvaluationStatus | null, reason: string) =>
            changes.push({
              id: newId("chg"), at, run_id: obs.runId, policy_id: obs.policyId, policy_version: obs.policyVersion,
              rule_id: f.rule_id, kind: f.kind, region: f.region, domain: f.domain, partition: f.partition, root: f.root, file: f.file, line: f.line,
              resource_id: f.resource_id, change: kind, from_status: from, to_status: to, reason,
            });
          for (const finding of obs.findings) {
            const row: FindingStatesTable = {
              policy_id: obs.policyId, rule_id: finding.ruleId, kind: finding.kind, region: finding.region, ...toLocationColumns(findingLocation(finding)),
              resource_id: finding.resourceId, status: finding.status, since: at, last_seen: at, run_id: obs.runId, policy_version: obs.policyVersion,
            };
            const key = keyOf(row);
            let prev = previous.get(key);
            previous.delete(key);
            if (!prev && row.root !== UNKNOWN_ROOT) {
              const legacyKey = keyOf(row, UNKNOWN_ROOT);
              prev = previous.get(legacyKey);
              previous.delete(legacyKey);
              if (prev) rerooted.push({ from: prev, root: row.root });
            }
            if (prev && prev.status === finding.status) {
              if (FAILING.has(finding.status)) stillFailing++;
              continue;
            }
            const kind = classify(prev?.status ?? null, finding.status);
            if (kind) change(row, kind, prev?.status ?? null, finding.status, finding.reason);
            (prev ? moved : inserts).push(row);
          }
          // Unchanged rows only need to say they were seen: one statement for the whole scope.
          if (previousRows.length > 0) {
            let touch = trx.updateTable("finding_states").set({ last_seen: at, run_id: obs.runId, policy_version: obs.policyVersion }).where("policy_id", "=", obs.policyId).where("kind", "in", kinds);
            if (partitions !== null) touch = touch.where("partition", "in", partitions.length > 0 ? partitions : [""]);
            if (root !== null) touch = touch.where("root", "in", [root, UNKNOWN_ROOT]);
            await touch.execute();
          }
          for (const { from, root: adopted } of rerooted) {
            await trx.updateTable("finding_states").set({ root: adopted }).where((eb) => eb.and(stateKey(from))).execute();
          }
          for (const row of moved) {
            await trx.updateTable("finding_states").set({ status: row.status, since: at, last_seen: at, run_id: obs.runId, policy_version: obs.policyVersion })
              .where((eb) => eb.and(stateKey(row))).execute();
          }
          // Left over: covered by this observation but not seen — the resource (or the rule) is gone.
          for (const gone of previous.values()) {
            if (FAILING.has(gone.status)) change(gone, "removed", gone.status, null, "the resource no longer exists (or the rule was removed)");
            await trx.deleteFrom("finding_states").where((eb) => eb.and(stateKey(gone))).execute();
          }
          for (let i = 0; i < inserts.length; i += ROWS_PER_STATEMENT) await trx.insertInto("finding_states").values(inserts.slice(i, i + ROWS_PER_STATEMENT)).execute();
          for (let i = 0; i < changes.length; i += ROWS_PER_STATEMENT) await trx.insertInto("finding_changes").values(changes.slice(i, i + ROWS_PER_STATEMENT)).execute();
          return { baseline, changes: changes.map(toChange), stillFailing };
        }),
      );
    },

    async recordRemediations(input) {
      const record = parseInput(RemediationRecordSchema, input, "remediation record");
      return guarded("recordRemediations", () =>
        db.transaction().execute(async (trx) => {
          const at = now();
          const written: FindingChangesTable[] = [];
          for (const item of record.items) {
            const location = toLocationColumns(findingLocation(item));
            for (const ruleId of item.ruleIds) {
              const where = { policy_id: record.policyId, rule_id: ruleId, kind: item.kind, domain: location.domain, partition: location.partition, resource_id: item.resourceId };
              // A status from before locations existed (root '') is the same resource; an item without
              // a location names no root, so any root's status in its partition is it.
              let select = trx.selectFrom("finding_states").selectAll().where((eb) => eb.and(where));
              if (item.location) select = select.where("root", "in", [location.root, UNKNOWN_ROOT]);
              const state = await select.orderBy("root", "desc").executeTakeFirst();
              // Already recorded (a retried step) or never observed failing: nothing changed.
              if (!state || state.status !== "fail") continue;
              const root = item.location ? location.root : state.root;
              await trx.updateTable("finding_states").set({ status: "pass", since: at, last_seen: at, run_id: record.runId, root })
                .where((eb) => eb.and(stateKey(state))).execute();
              written.push({
                id: newId("chg"), at, run_id: record.runId, policy_version: record.policyVersion, ...where, region: item.region, root,
                file: location.file, line: location.line, change: "remediated", from_status: "fail", to_status: "pass", reason: item.summary,
              });
            }
          }
          if (written.length > 0) await trx.insertInto("finding_changes").values(written).execute();
          return written.map(toChange);
        }),
      );
    },

    async listChanges(input = {}) {
      const query = parseInput(ChangeQuerySchema, input, "change query");
      const rows = await guarded("listChanges", () => {
        let select = db.selectFrom("finding_changes").selectAll().orderBy("at", "desc").orderBy("id", "desc");
        if (query.policyId !== undefined) select = select.where("policy_id", "=", query.policyId);
        if (query.resourceId !== undefined) select = select.where("resource_id", "=", query.resourceId);
        if (query.runId !== undefined) select = select.where("run_id", "=", query.runId);
        if (query.change !== undefined) select = select.where("change", "=", query.change);
        if (query.since !== undefined) select = select.where("at", ">=", query.since);
        if (query.limit !== undefined) select = select.limit(query.limit);
        return select.execute();
      });
      return rows.map(toChange);
    },

    async listStates(input = {}) {
      const query = parseInput(StateQuerySchema, input, "state query");
      const rows = await guarded("listStates", () => {
        let select = db.selectFrom("finding_states").selectAll().orderBy("policy_id").orderBy("since").orderBy("resource_id").orderBy("rule_id");
        if (query.policyId !== undefined) select = select.where("policy_id", "=", query.policyId);
        if (query.status !== undefined) select = select.where("status", "=", query.status);
        if (query.limit !== undefined) select = select.limit(query.limit);
        return select.execute();
      });
      return rows.map(toState);
    },
  };
}
