// GET /policies: every policy with its posture and newest run; GET /policies/:id: a policy (any
// version) in plain words, its versions with diffs, its posture.
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { AgpmError } from "../../core/errors.js";
import { explainPolicy } from "../../engine/explain.js";
import { findKind } from "../../engine/registry.js";
import { describeSchedule, diffPolicies } from "../../engine/version.js";
import type { DashboardContext } from "../context.js";
import { changeBuckets, EMPTY_COUNTS, lastRunByPolicy, postureByPolicy } from "../queries.js";
import { addPage } from "../route.js";
import { RANGES, rangeStart, timeline } from "../views/chart.js";
import { policiesPage } from "../views/policies.js";
import { policyPage } from "../views/policy.js";

const noun = (kind: string) => findKind(kind)?.noun ?? kind;

export async function policyRoutes(app: FastifyInstance, ctx: DashboardContext): Promise<void> {
  const { store } = ctx.deps;

  addPage(app, ctx.audit, {
    method: "GET",
    url: "/policies",
    role: "viewer",
    handler: async ({ session }) => {
      const [summaries, posture, lastRuns] = await Promise.all([store.policies.listPolicies(), postureByPolicy(store), lastRunByPolicy(store)]);
      const documents = await Promise.all(summaries.map((s) => store.policies.getPolicy(s.id)));
      // Active first, then by title: retired ones are kept for the record.
      const rows = summaries.map((policy, i) => {
        const schedule = documents[i]?.schedule;
        return {
          policy, schedule: schedule ? describeSchedule(schedule) : null,
          counts: posture.get(policy.id) ?? { ...EMPTY_COUNTS }, observed: posture.has(policy.id), lastRun: lastRuns.get(policy.id) ?? null,
        };
      }).sort((a, b) => Number(a.policy.status !== "active") - Number(b.policy.status !== "active") || a.policy.title.localeCompare(b.policy.title));
      return policiesPage(rows, session);
    },
  });

  addPage(app, ctx.audit, {
    method: "GET",
    url: "/policies/:id",
    role: "viewer",
    params: z.object({ id: z.string().min(1).max(200) }),
    query: z.object({ version: z.coerce.number().int().positive().optional() }),
    handler: async ({ params, query, session }) => {
      const history = await store.policies.history(params.id);
      const latest = history[history.length - 1];
      if (!latest) throw new AgpmError("POLICY_NOT_FOUND", `no policy ${params.id}`);
      const shown = query.version === undefined ? latest : history.find((h) => h.version === query.version);
      if (!shown) throw new AgpmError("POLICY_NOT_FOUND", `policy ${params.id} has no version ${query.version}`);
      const now = ctx.now();
      const [summaries, posture, buckets] = await Promise.all([
        store.policies.listPolicies(),
        postureByPolicy(store, params.id),
        changeBuckets(store, rangeStart("30d", now), RANGES["30d"].granularity, params.id),
      ]);
      return policyPage({
        policy: shown.policy,
        current: latest.version,
        status: summaries.find((s) => s.id === params.id)?.status ?? latest.policy.status,
        explanation: explainPolicy(shown.policy, noun),
        versions: history.map((entry, i) => {
          const previous = history[i - 1];
          return {
            version: entry.version, createdAt: entry.createdAt, createdBy: entry.createdBy, intent: entry.policy.intent,
            title: entry.policy.title, mode: entry.policy.mode, changes: previous ? diffPolicies(previous.policy, entry.policy) : null,
          };
        }),
        counts: posture.get(params.id) ?? { ...EMPTY_COUNTS },
        chart: timeline(buckets, "30d", now),
      }, session);
    },
  });
}
