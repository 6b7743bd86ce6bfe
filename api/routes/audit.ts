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

/** One page, through the repository's keyset paging; the cursor is its position, encoded. */
async function auditPage(store: Store, query: AuditQuery): Promise<{ items: AuditEvent[]; nextCursor: string | null }> {
  const after = query.cursor ? decodeCursor(CursorSchema, query.cursor) : null;
  const { items, next } = await store.audit.pageAudit({
    runId: query.run, policyId: query.policy, resourceId: query.resource, actor: query.actor, action: query.action, result: query.result,
    since: query.since ? new Date(query.since).toISOString() : undefined, limit: query.limit, after,
  });
  return { items, nextCursor: next ? encodeCursor(next) : null };
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
