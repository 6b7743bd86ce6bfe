// GET /audit: the audit log, filtered, newest first, paged by a (time, id) cursor.
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { decodeCursor, encodeCursor } from "../../api/pagination.js";
import type { DashboardContext } from "../context.js";
import { auditPage } from "../queries.js";
import { addPage } from "../route.js";
import { auditPageView } from "../views/audit.js";
import { OptionalText } from "./posture.js";

const PAGE_SIZE = 100;
const CursorSchema = z.object({ at: z.string(), id: z.string() });

const AuditQuerySchema = z.object({
  run: OptionalText(200),
  policy: OptionalText(200),
  actor: OptionalText(200),
  action: OptionalText(200),
  result: OptionalText(100),
  cursor: OptionalText(500),
});

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
}
