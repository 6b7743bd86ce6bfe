// GET /v1/audit: the audit log, newest first, filtered and paged by a (time, id) keyset cursor
// so pages stay stable while new events are appended.
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { AuditEventSchema, type AuditEvent, type Store } from "../../store/index.js";
import type { ApiDeps } from "../deps.js";
import { decodeCursor, encodeCursor, PageQuerySchema } from "../pagination.js";
import { NextCursorSchema } from "../schemas.js";
import { addRoute } from "../route.js";

const AuditQuerySchema = PageQuerySchema.extend({
  run: z.string().min(1).max(200).optional(),
  policy: z.string().min(1).max(200).optional(),
  resource: z.string().min(1).max(500).optional(),
  actor: z.string().min(1).max(200).optional().describe("e.g. token:ci or alice"),
  action: z.string().min(1).max(200).optional().describe("e.g. http, approval, s3.block-public-access"),
  result: z.string().min(1).max(100).optional().describe("e.g. verified, approved, 403"),
  since: z.iso.datetime({ offset: true }).optional().describe("only events at or after this time (ISO 8601)"),
}).strict();
type AuditQuery = z.output<typeof AuditQuerySchema>;

const CursorSchema = z.object({ at: z.string(), id: z.string() });

const json = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

/** One page, straight from the table: the repository's listAudit has no keyset paging. */
async function auditPage(store: Store, query: AuditQuery): Promise<{ items: AuditEvent[]; nextCursor: string | null }> {
  const after = query.cursor ? decodeCursor(CursorSchema, query.cursor) : null;
  let select = store.db.selectFrom("audit_events").selectAll().orderBy("at", "desc").orderBy("id", "desc").limit(query.limit + 1);
  if (query.run) select = select.where("run_id", "=", query.run);
  if (query.policy) select = select.where("policy_id", "=", query.policy);
  if (query.resource) select = select.where("resource_id", "=", query.resource);
  if (query.actor) select = select.where("actor", "=", query.actor);
  if (query.action) select = select.where("action", "=", query.action);
  if (query.result) select = select.where("result", "=", query.result);
  if (query.since) select = select.where("at", ">=", new Date(query.since).toISOString());
  if (after) select = select.where((eb) => eb.or([eb("at", "<", after.at), eb.and([eb("at", "=", after.at), eb("id", "<", after.id)])]));
  const rows = await select.execute();
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((row) => AuditEventSchema.parse({
      id: row.id, at: row.at, actor: row.actor, runId: row.run_id, policyId: row.policy_id, policyVersion: row.policy_version,
      resourceId: row.resource_id, kind: row.kind, region: row.region, action: row.action, before: json(row.before), after: json(row.after),
      result: row.result, detail: row.detail, dedupeKey: row.dedupe_key,
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ at: last.at, id: last.id }) : null,
  };
}

export async function auditRoutes(app: FastifyInstance, { deps }: { deps: ApiDeps }): Promise<void> {
  addRoute(app, {
    method: "GET",
    url: "/v1/audit",
    operationId: "listAudit",
    summary: "The audit log, newest first: changes, decisions and API requests, with who made them",
    tags: ["audit"],
    access: "viewer",
    query: AuditQuerySchema,
    responses: { 200: { description: "a page of events", schema: z.object({ items: z.array(AuditEventSchema), nextCursor: NextCursorSchema }) } },
    handler: async ({ query }) => auditPage(deps.store, query),
  });
}
