// Audit repository: an append-only trail of what was planned, done, verified and approved.
import { JsonValueSchema } from "../contracts/policy.js";
import { decodeRows, fromJsonOrNull, guarded, parseInput, toJsonOrNull } from "./codec.js";
import type { StoreContext } from "./context.js";
import { newId } from "./ids.js";
import { AuditQuerySchema, NewAuditEventSchema } from "./records.js";
import type { AppendResult, AuditEvent, AuditQuery, NewAuditEvent } from "./records.js";
import type { AuditEventsTable } from "./tables.js";
import { fromNullableLocationColumns, toNullableLocationColumns } from "./location.js";
import { regionLocation } from "../contracts/resource.js";

/** Filters and a position for paging the audit log newest first. */
export interface AuditPageQuery {
  runId?: string | undefined;
  policyId?: string | undefined;
  resourceId?: string | undefined;
  actor?: string | undefined;
  action?: string | undefined;
  result?: string | undefined;
  /** ISO timestamp: only events at or after it. */
  since?: string | undefined;
  limit: number;
  /** The last event of the previous page. */
  after?: AuditPosition | null | undefined;
}
export interface AuditPosition {
  at: string;
  id: string;
}

export interface AuditRepository {
  appendAudit(event: NewAuditEvent): Promise<AppendResult>;
  listAudit(query?: AuditQuery): Promise<AuditEvent[]>;
  /** One page, newest first, keyed on (time, id) so pages stay put while events are appended. */
  pageAudit(query: AuditPageQuery): Promise<{ items: AuditEvent[]; next: AuditPosition | null }>;
}

function toAuditEvent(row: AuditEventsTable): AuditEvent {
  const where = `audit_events(${row.id})`;
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    runId: row.run_id,
    policyId: row.policy_id,
    policyVersion: row.policy_version,
    resourceId: row.resource_id,
    kind: row.kind,
    region: row.region,
    location: fromNullableLocationColumns(row),
    action: row.action,
    before: fromJsonOrNull(JsonValueSchema, row.before, `${where}.before`),
    after: fromJsonOrNull(JsonValueSchema, row.after, `${where}.after`),
    result: row.result,
    detail: row.detail,
    dedupeKey: row.dedupe_key,
  };
}

export function createAuditRepository({ db, now, unreadable }: StoreContext): AuditRepository {
  return {
    /**
     * Appends one event. With a `dedupeKey`, a retried step that appends the same key again
     * writes nothing and gets `{ inserted: false }` with the first event's id.
     * @example await store.audit.appendAudit({ actor: "agpm", runId, result: "applied", dedupeKey: `${runId}:${resourceId}:apply` })
     */
    async appendAudit(input) {
      const event = parseInput(NewAuditEventSchema, input, "audit event");
      const row: AuditEventsTable = {
        id: event.id ?? newId("evt"),
        at: event.at ?? now(),
        actor: event.actor,
        run_id: event.runId ?? null,
        policy_id: event.policyId ?? null,
        policy_version: event.policyVersion ?? null,
        resource_id: event.resourceId ?? null,
        kind: event.kind ?? null,
        region: event.region ?? null,
        // A caller naming only a region (older code) names an AWS resource, its account unknown.
        ...toNullableLocationColumns(event.location ?? (event.region ? regionLocation(event.region) : null)),
        action: event.action ?? null,
        before: toJsonOrNull(event.before),
        after: toJsonOrNull(event.after),
        result: event.result,
        detail: event.detail ?? null,
        dedupe_key: event.dedupeKey ?? null,
      };
      return guarded("appendAudit", async () => {
        const inserted = await db
          .insertInto("audit_events")
          .values(row)
          .onConflict((oc) => oc.column("dedupe_key").doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0 || row.dedupe_key === null) return { inserted: true, id: row.id };
        const first = await db.selectFrom("audit_events").select("id").where("dedupe_key", "=", row.dedupe_key).executeTakeFirstOrThrow();
        return { inserted: false, id: first.id };
      });
    },

    async pageAudit(query) {
      const rows = await guarded("pageAudit", () => {
        let select = db.selectFrom("audit_events").selectAll().orderBy("at", "desc").orderBy("id", "desc").limit(query.limit + 1);
        if (query.runId) select = select.where("run_id", "=", query.runId);
        if (query.policyId) select = select.where("policy_id", "=", query.policyId);
        if (query.resourceId) select = select.where("resource_id", "=", query.resourceId);
        if (query.actor) select = select.where("actor", "=", query.actor);
        if (query.action) select = select.where("action", "=", query.action);
        if (query.result) select = select.where("result", "=", query.result);
        if (query.since) select = select.where("at", ">=", query.since);
        const after = query.after;
        if (after) select = select.where((eb) => eb.or([eb("at", "<", after.at), eb.and([eb("at", "=", after.at), eb("id", "<", after.id)])]));
        return select.execute();
      });
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      return { items: decodeRows("pageAudit", page, toAuditEvent, unreadable), next: rows.length > query.limit && last ? { at: last.at, id: last.id } : null };
    },

    /** Matching events, newest first; all of them unless `limit` is given. */
    async listAudit(input = {}) {
      const query = parseInput(AuditQuerySchema, input, "audit query");
      const rows = await guarded("listAudit", () => {
        let select = db.selectFrom("audit_events").selectAll().orderBy("at", "desc").orderBy("id", "desc");
        if (query.runId !== undefined) select = select.where("run_id", "=", query.runId);
        if (query.policyId !== undefined) select = select.where("policy_id", "=", query.policyId);
        if (query.resourceId !== undefined) select = select.where("resource_id", "=", query.resourceId);
        if (query.limit !== undefined) select = select.limit(query.limit);
        return select.execute();
      });
      return decodeRows("listAudit", rows, toAuditEvent, unreadable);
    },
  };
}
