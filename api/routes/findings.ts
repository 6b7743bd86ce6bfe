// GET /v1/findings: the latest run's findings of each policy (or one run's), filtered and paged.
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { EvaluationStatusSchema } from "../../contracts/resource.js";
import { StoredFindingSchema } from "../../store/index.js";
import type { ApiDeps } from "../deps.js";
import { decodeCursor, encodeCursor, PageQuerySchema } from "../pagination.js";
import { NextCursorSchema } from "../schemas.js";
import { addRoute } from "../route.js";

const FindingsQuerySchema = PageQuerySchema.extend({
  policy: z.string().min(1).max(200).optional().describe("only this policy"),
  run: z.string().min(1).max(200).optional().describe("this run's findings instead of each policy's latest run"),
  status: EvaluationStatusSchema.optional().describe("pass, fail, error or skip (default: all)"),
}).strict();

/** Findings are read whole per run or policy (bounded by the account), so a cursor is a position. */
const CursorSchema = z.object({ offset: z.number().int().min(0) });

export async function findingRoutes(app: FastifyInstance, { deps }: { deps: ApiDeps }): Promise<void> {
  addRoute(app, {
    method: "GET",
    url: "/v1/findings",
    operationId: "listFindings",
    summary: "Findings of the latest completed run of each policy, or of one run",
    tags: ["findings"],
    access: "viewer",
    query: FindingsQuerySchema,
    responses: { 200: { description: "a page of findings", schema: z.object({ items: z.array(StoredFindingSchema), nextCursor: NextCursorSchema }) } },
    handler: async ({ query }) => {
      const offset = query.cursor ? decodeCursor(CursorSchema, query.cursor).offset : 0;
      const { findings } = deps.store;
      const policyFilter = query.policy ? { policyId: query.policy } : {};
      const all = query.run
        ? await findings.listFindings({ runId: query.run, ...policyFilter, ...(query.status ? { status: query.status } : {}) })
        : (await findings.latestFindings(policyFilter)).filter((f) => !query.status || f.status === query.status);
      const items = all.slice(offset, offset + query.limit);
      const next = offset + items.length;
      return { items, nextCursor: next < all.length ? encodeCursor({ offset: next }) : null };
    },
  });
}
