// GET / (the posture overview) and GET /findings (current statuses, filtered and paged).
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { EvaluationStatusSchema } from "../../policy/resource.js";
import type { DashboardContext } from "../context.js";
import { changeBuckets, EMPTY_COUNTS, postureByPolicy, statesPage, type Counts } from "../queries.js";
import { addPage } from "../route.js";
import { RANGE_KEYS, RANGES, rangeStart, timeline, type RangeKey } from "../views/chart.js";
import { findingsPage } from "../views/findings.js";
import { overviewPage } from "../views/overview.js";

/** A form field left empty means "no filter". */
export const OptionalText = (max: number) => z.string().trim().max(max).optional().transform((v) => (v ? v : undefined));

const OverviewQuerySchema = z.object({ range: z.enum(RANGE_KEYS as [RangeKey, ...RangeKey[]]).default("7d") });

const FindingsQuerySchema = z.object({
  policy: OptionalText(200),
  status: z.union([EvaluationStatusSchema, z.literal("")]).optional().transform((v) => (v ? v : undefined)),
  resource: OptionalText(500),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  size: z.coerce.number().int().min(1).max(500).default(50),
});

function add(a: Counts, b: Counts): Counts {
  return { pass: a.pass + b.pass, fail: a.fail + b.fail, error: a.error + b.error, skip: a.skip + b.skip };
}

export async function postureRoutes(app: FastifyInstance, ctx: DashboardContext): Promise<void> {
  const { store } = ctx.deps;

  addPage(app, ctx.audit, {
    method: "GET",
    url: "/",
    role: "viewer",
    query: OverviewQuerySchema,
    handler: async ({ query, session }) => {
      const now = ctx.now();
      const [policies, posture, waiting, recent, buckets] = await Promise.all([
        store.policies.listPolicies(),
        postureByPolicy(store),
        store.runs.listRuns({ status: "awaiting-approval", limit: 20 }),
        store.runs.listRuns({ limit: 10 }),
        changeBuckets(store, rangeStart(query.range, now), RANGES[query.range].granularity),
      ]);
      const rows = policies.filter((p) => p.status === "active").map((policy) => ({
        policy,
        counts: posture.get(policy.id) ?? { ...EMPTY_COUNTS },
        observed: posture.has(policy.id),
        spark: timeline(buckets.filter((b) => b.policyId === policy.id), query.range, now),
      }));
      return overviewPage({
        policies: rows,
        totals: rows.reduce((sum, r) => add(sum, r.counts), { ...EMPTY_COUNTS }),
        chart: timeline(buckets, query.range, now),
        range: query.range,
        waiting,
        recent,
      }, session);
    },
  });

  addPage(app, ctx.audit, {
    method: "GET",
    url: "/findings",
    role: "viewer",
    query: FindingsQuerySchema,
    handler: async ({ query, session }) => {
      const filters = { policy: query.policy, status: query.status, resource: query.resource };
      const [policies, page] = await Promise.all([
        store.policies.listPolicies(),
        statesPage(store, filters, query.size, (query.page - 1) * query.size),
      ]);
      return findingsPage({ filters, policies, rows: page.rows, total: page.total, page: query.page, pageSize: query.size }, session);
    },
  });
}
