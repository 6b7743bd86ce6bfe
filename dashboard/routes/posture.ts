// GET / (the posture overview), GET /findings (current statuses, filtered and paged) and
// GET /findings.csv (the same filtered statuses, all of them, as CSV).
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { EvaluationStatusSchema } from "../../contracts/resource.js";
import { SeveritySchema } from "../../contracts/policy.js";
import type { DashboardContext } from "../context.js";
import { toCsv } from "../csv.js";
import { allStates, changeBuckets, EMPTY_COUNTS, postureByPolicy, statePartitions, statesPage, type Counts, type StateFilters } from "../queries.js";
import { addPage } from "../route.js";
import { RANGE_KEYS, RANGES, rangeStart, timeline, type RangeKey } from "../views/chart.js";
import { findingsPage } from "../views/findings.js";
import { overviewPage } from "../views/overview.js";

/** A form field left empty means "no filter". */
export const OptionalText = (max: number) => z.string().trim().max(max).optional().transform((v) => (v ? v : undefined));

const OverviewQuerySchema = z.object({ range: z.enum(RANGE_KEYS as [RangeKey, ...RangeKey[]]).default("7d") });

/** A select left on "all" sends an empty value. */
const OptionalChoice = <T extends z.ZodType<string>>(schema: T) => z.union([schema, z.literal("")]).optional().transform((v) => (v ? (v as z.output<T>) : undefined));

const FindingsFilterSchema = z.object({
  policy: OptionalText(200),
  status: OptionalChoice(EvaluationStatusSchema),
  severity: OptionalChoice(SeveritySchema),
  partition: z.string().trim().max(200).regex(/^[A-Za-z0-9._:/-]*$/, "a partition such as eu-west-1").optional().transform((v) => (v ? v : undefined)),
  /** The AWS spelling of `partition`, kept for links made before locations existed. */
  region: z.string().trim().max(50).regex(/^[a-z0-9-]*$/, "a region such as eu-west-1").optional().transform((v) => (v ? v : undefined)),
  resource: OptionalText(500),
});

/** A CSV export stops here; narrow the filters for more. */
export const CSV_MAX_ROWS = 50_000;

const FindingsQuerySchema = FindingsFilterSchema.extend({
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
      const { page: number, size, ...filters } = query;
      const [policies, partitions, page] = await Promise.all([
        store.policies.listPolicies(),
        statePartitions(store),
        statesPage(store, filters, size, (number - 1) * size),
      ]);
      return findingsPage({ filters, policies, partitions, rows: page.rows, total: page.total, page: number, pageSize: size }, session);
    },
  });

  addPage(app, ctx.audit, {
    method: "GET",
    url: "/findings.csv",
    role: "viewer",
    query: FindingsFilterSchema,
    handler: async ({ query }) => {
      const filters: StateFilters = query;
      const { rows } = await allStates(store, filters, CSV_MAX_ROWS);
      const body = toCsv(
        ["status", "severity", "policy", "policy_version", "rule", "kind", "region", "resource", "reason", "since", "last_seen", "run", "domain", "partition", "root"],
        rows.map((r) => [
          r.status, r.severity, r.policyId, r.policyVersion, r.ruleId, r.kind, r.region, r.resourceId, r.reason, r.since, r.lastSeen, r.runId,
          r.location.domain, r.location.partition, r.location.root,
        ]),
      );
      return { download: { filename: "agpm-findings.csv", contentType: "text/csv; charset=utf-8", body } };
    },
  });
}
