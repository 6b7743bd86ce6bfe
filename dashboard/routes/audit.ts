// GET /audit: the audit log, filtered, newest first, paged by a (time, id) cursor; GET /audit.csv: the same, as CSV.
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { decodeCursor, encodeCursor } from "../../api/pagination.js";
import type { DashboardContext } from "../context.js";
import { toCsv } from "../csv.js";
import { allAudit, auditPage } from "../queries.js";
import { addPage } from "../route.js";
import { auditPageView } from "../views/audit.js";
import { CSV_MAX_ROWS, OptionalText } from "./posture.js";

const PAGE_SIZE = 100;
const CursorSchema = z.object({ at: z.string(), id: z.string() });

const AuditFilterSchema = z.object({
  run: OptionalText(200),
  policy: OptionalText(200),
  actor: OptionalText(200),
  action: OptionalText(200),
  result: OptionalText(100),
});
const AuditQuerySchema = AuditFilterSchema.extend({ cursor: OptionalText(500) });

const json = (value: unknown) => (value === null || value === undefined ? "" : JSON.stringify(value));

export async function auditRoutes(app: FastifyInstance, ctx: DashboardContext): Promise<void> {
  addPage(app, ctx.audit, {
    method: "GET",
    url: "/audit",
    role: "viewer",
    query: AuditQuerySchema,
    handler: async ({ query, session }) => {
      const { cursor, ...filters } = query;
      const after = cursor ? decodeCursor(CursorSchema, cursor) : null;
      const page = await auditPage(ctx.deps.store, filters, PAGE_SIZE, after);
      return auditPageView({ filters, items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null, paged: after !== null }, session);
    },
  });

  addPage(app, ctx.audit, {
    method: "GET",
    url: "/audit.csv",
    role: "viewer",
    query: AuditFilterSchema,
    handler: async ({ query }) => {
      const items = await allAudit(ctx.deps.store, query, CSV_MAX_ROWS);
      const body = toCsv(
        // Location columns go last, as on the findings CSV, so scripts reading the older columns by position keep working.
        ["at", "actor", "action", "result", "run", "policy", "policy_version", "resource", "kind", "region", "detail", "before", "after", "domain", "partition", "root", "file", "line"],
        items.map((e) => [
          e.at, e.actor, e.action, e.result, e.runId, e.policyId, e.policyVersion, e.resourceId, e.kind, e.region, e.detail, json(e.before), json(e.after),
          e.location?.domain ?? null, e.location?.partition ?? null, e.location?.root ?? null, e.location?.file ?? null, e.location?.line ?? null,
        ]),
      );
      return { download: { filename: "agpm-audit.csv", contentType: "text/csv; charset=utf-8", body } };
    },
  });
}
