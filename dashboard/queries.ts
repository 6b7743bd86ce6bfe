// Read models the pages need and the repositories do not offer: counts and buckets grouped in SQL
// (so a large account costs one small result, not every row), and keyset/offset pages.
import { sql } from "kysely";
import type { EvaluationStatus } from "../contracts/resource.js";
import type { Severity } from "../contracts/policy.js";
import { fromLocationColumns, type AuditEvent, type FindingState, type RunStatus, type Store } from "../store/index.js";

export type Counts = Record<EvaluationStatus, number>;
export const EMPTY_COUNTS: Counts = { pass: 0, fail: 0, error: 0, skip: 0 };

/** Current posture per policy: how many (rule, resource) pairs are in each status now. */
export async function postureByPolicy(store: Store, policyId?: string): Promise<Map<string, Counts>> {
  let query = store.db.selectFrom("finding_states").select(["policy_id", "status", (eb) => eb.fn.countAll<string | number>().as("n")]);
  if (policyId) query = query.where("policy_id", "=", policyId);
  const rows = await query.groupBy(["policy_id", "status"]).execute();
  const out = new Map<string, Counts>();
  for (const row of rows) {
    const counts = out.get(row.policy_id) ?? { ...EMPTY_COUNTS };
    counts[row.status] += Number(row.n);
    out.set(row.policy_id, counts);
  }
  return out;
}

export type Granularity = "hour" | "day";

export interface ChangeBucket {
  /** `2026-11-25` (day) or `2026-11-25T17` (hour), UTC. */
  bucket: string;
  policyId: string;
  change: string;
  count: number;
}

/** Changes since a time, counted per UTC hour or day, per policy and kind of change. */
export async function changeBuckets(store: Store, since: Date, granularity: Granularity, policyId?: string): Promise<ChangeBucket[]> {
  const width = granularity === "hour" ? 13 : 10;
  // ISO-8601 text sorts and truncates the same in SQLite and PostgreSQL.
  const bucket = sql<string>`substr(at, 1, ${sql.lit(width)})`;
  let query = store.db.selectFrom("finding_changes")
    .select([bucket.as("bucket"), "policy_id", "change", (eb) => eb.fn.countAll<string | number>().as("n")])
    .where("at", ">=", since.toISOString());
  if (policyId) query = query.where("policy_id", "=", policyId);
  const rows = await query.groupBy([bucket, "policy_id", "change"]).execute();
  return rows.map((r) => ({ bucket: r.bucket, policyId: r.policy_id, change: r.change, count: Number(r.n) }));
}

export interface StateFilters {
  policy?: string | undefined;
  status?: EvaluationStatus | undefined;
  /** Part of a resource id. */
  resource?: string | undefined;
  /** The severity of the rule in the policy version that last evaluated the pair. */
  severity?: Severity | undefined;
  /** The location partition (AWS: region); `region` is its older spelling, still accepted. */
  partition?: string | undefined;
  region?: string | undefined;
}

export interface StateRow extends FindingState {
  /** Why it has this status, from the finding of the run that last saw it (null when that run fixed it). */
  reason: string | null;
  /** The rule's severity in that policy version (null when the version is gone or no longer has the rule). */
  severity: Severity | null;
}

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
const ruleKey = (policyId: string, version: number, ruleId: string) => [policyId, version, ruleId].join("\u0000");

/**
 * Each rule's severity in the policy versions statuses were last evaluated under. Severity lives in
 * the policy document, not in a column, so it is read from the (few) versions involved.
 */
async function severities(store: Store, policyId: string | undefined): Promise<Map<string, Severity>> {
  let query = store.db.selectFrom("finding_states").select(["policy_id", "policy_version"]).distinct();
  if (policyId) query = query.where("policy_id", "=", policyId);
  const versions = await query.execute();
  const policies = await Promise.all(versions.map((v) => store.policies.getPolicy(v.policy_id, v.policy_version)));
  const out = new Map<string, Severity>();
  for (const policy of policies) for (const rule of policy?.rules ?? []) out.set(ruleKey(policy?.id ?? "", policy?.version ?? 0, rule.id), rule.severity);
  return out;
}

/** A page of current statuses, failing first, with the total for paging. */
export async function statesPage(store: Store, filters: StateFilters, limit: number, offset: number): Promise<{ rows: StateRow[]; total: number }> {
  const severityOf = await severities(store, filters.policy);
  let base = store.db.selectFrom("finding_states");
  if (filters.policy) base = base.where("policy_id", "=", filters.policy);
  if (filters.status) base = base.where("status", "=", filters.status);
  const partition = filters.partition ?? filters.region;
  if (partition) base = base.where("partition", "=", partition);
  if (filters.resource) base = base.where(sql<boolean>`resource_id like ${`%${likeEscape(filters.resource)}%`} escape '\\'`);
  if (filters.severity) {
    const rules = [...severityOf].filter(([, severity]) => severity === filters.severity).map(([key]) => key.split("\u0000"));
    if (rules.length === 0) return { rows: [], total: 0 };
    base = base.where((eb) => eb.or(rules.map(([policyId, version, ruleId]) =>
      eb.and([eb("policy_id", "=", policyId ?? ""), eb("policy_version", "=", Number(version)), eb("rule_id", "=", ruleId ?? "")]))));
  }
  const [total, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<string | number>().as("n")).executeTakeFirst(),
    // error and fail sort before pass and skip, which is the order people read them in.
    base.selectAll().orderBy("status").orderBy("policy_id").orderBy("resource_id").orderBy("rule_id").limit(limit).offset(offset).execute(),
  ]);
  const runIds = [...new Set(rows.map((r) => r.run_id))];
  const findings = runIds.length === 0 ? [] : await store.db.selectFrom("findings")
    .select(["run_id", "policy_id", "rule_id", "kind", "domain", "partition", "root", "resource_id", "status", "reason"])
    .where("run_id", "in", runIds).where("resource_id", "in", [...new Set(rows.map((r) => r.resource_id))]).execute();
  const key = (r: { run_id: string; policy_id: string; rule_id: string; kind: string; domain: string; partition: string; root: string; resource_id: string }) =>
    [r.run_id, r.policy_id, r.rule_id, r.kind, r.domain, r.partition, r.root, r.resource_id].join("\u0000");
  const reasons = new Map(findings.map((f) => [key(f), f]));
  return {
    total: Number(total?.n ?? 0),
    rows: rows.map((r) => {
      const finding = reasons.get(key(r));
      return {
        policyId: r.policy_id, ruleId: r.rule_id, kind: r.kind, region: r.region, location: fromLocationColumns(r), resourceId: r.resource_id, status: r.status,
        since: r.since, lastSeen: r.last_seen, runId: r.run_id, policyVersion: r.policy_version,
        reason: finding && finding.status === r.status ? finding.reason : null,
        severity: severityOf.get(ruleKey(r.policy_id, r.policy_version, r.rule_id)) ?? null,
      };
    }),
  };
}

/** Every status matching the filters (for a CSV export), read a page at a time, up to `max` rows. */
export async function allStates(store: Store, filters: StateFilters, max: number): Promise<{ rows: StateRow[]; total: number }> {
  const rows: StateRow[] = [];
  let total = 0;
  while (rows.length < max) {
    const page = await statesPage(store, filters, Math.min(1000, max - rows.length), rows.length);
    total = page.total;
    rows.push(...page.rows);
    if (page.rows.length === 0 || rows.length >= total) break;
  }
  return { rows, total };
}

/** The partitions (AWS: regions) statuses were observed in, for the findings filter. */
export async function statePartitions(store: Store): Promise<string[]> {
  const rows = await store.db.selectFrom("finding_states").select("partition").distinct().orderBy("partition").execute();
  return rows.map((r) => r.partition);
}

export interface LastRun {
  id: string;
  status: RunStatus;
  createdAt: string;
}

/** Each policy's newest run (by creation), in one grouped query. */
export async function lastRunByPolicy(store: Store): Promise<Map<string, LastRun>> {
  const rows = await store.db.selectFrom("runs as r")
    .innerJoin(
      (eb) => eb.selectFrom("runs").select(["policy_id", (e) => e.fn.max("created_at").as("at")]).where("policy_id", "is not", null).groupBy("policy_id").as("latest"),
      (join) => join.onRef("latest.policy_id", "=", "r.policy_id").onRef("latest.at", "=", "r.created_at"),
    )
    .select(["r.id", "r.policy_id", "r.status", "r.created_at"]).orderBy("r.id").execute();
  return new Map(rows.map((r) => [r.policy_id ?? "", { id: r.id, status: r.status, createdAt: r.created_at }]));
}

/** Current statuses of some resources under one policy, keyed by rule and resource. */
export async function statesFor(store: Store, policyId: string, resourceIds: readonly string[]): Promise<Map<string, FindingState>> {
  if (resourceIds.length === 0) return new Map();
  const states = await store.db.selectFrom("finding_states").selectAll()
    .where("policy_id", "=", policyId).where("resource_id", "in", [...new Set(resourceIds)]).execute();
  return new Map(states.map((s) => [stateKey(s.rule_id, s.kind, s.partition, s.resource_id), {
    policyId: s.policy_id, ruleId: s.rule_id, kind: s.kind, region: s.region, location: fromLocationColumns(s), resourceId: s.resource_id, status: s.status,
    since: s.since, lastSeen: s.last_seen, runId: s.run_id, policyVersion: s.policy_version,
  }]));
}

export const stateKey = (ruleId: string, kind: string, partition: string, resourceId: string) => [ruleId, kind, partition, resourceId].join("\u0000");

export interface AuditFilters {
  run?: string | undefined;
  policy?: string | undefined;
  actor?: string | undefined;
  action?: string | undefined;
  result?: string | undefined;
}

/** A page of the audit log, newest first, after a (time, id) position so pages stay put while events arrive. */
export async function auditPage(store: Store, filters: AuditFilters, limit: number, after: { at: string; id: string } | null): Promise<{ items: AuditEvent[]; next: { at: string; id: string } | null }> {
  return store.audit.pageAudit({
    runId: filters.run, policyId: filters.policy, actor: filters.actor, action: filters.action, result: filters.result, limit, after,
  });
}

/** The audit events matching the filters, newest first, up to `max` (for a CSV export). */
export async function allAudit(store: Store, filters: AuditFilters, max: number): Promise<AuditEvent[]> {
  const items: AuditEvent[] = [];
  let after: { at: string; id: string } | null = null;
  while (items.length < max) {
    const page = await auditPage(store, filters, Math.min(500, max - items.length), after);
    items.push(...page.items);
    if (!page.next) break;
    after = page.next;
  }
  return items;
}
