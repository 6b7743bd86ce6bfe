// GET /runs/:id (a run in full, following it while it works) and the approver's decision forms,
// which enqueue the decision on the intents queue and come back to the run.
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { failureOf, findJob, jobForRun, onQueue, runIdOf } from "../../api/jobs.js";
import { needsAttention, type RunReport } from "../../agents/reporter/report.js";
import { decidableRun, markStale, overtakenBy } from "../../agents/approval/stale.js";
import { AgpmError, errorMessage } from "../../core/errors.js";
import { diffPolicies } from "../../engine/version.js";
import type { Run, Store } from "../../store/index.js";
import { submitDecision, type IntentsQueue } from "../../client/producer.js";
import type { DashboardContext } from "../context.js";
import { href } from "../html.js";
import { statesFor } from "../queries.js";
import { addPage } from "../route.js";
import { runPage, type JobInfo, type PolicyDiff } from "../views/run.js";
import { OptionalText } from "./posture.js";

const RunParamsSchema = z.object({ id: z.string().min(1).max(200) });
const RunQuerySchema = z.object({
  decision: OptionalText(200),
  done: z.enum(["submitted", "approved", "rejected"]).optional().catch(undefined),
});
const DecisionFormSchema = z.object({ comment: OptionalText(2000) });

/** A job's state; null when the queue has forgotten it or cannot be reached (the page still shows the run). */
async function jobInfo(queue: IntentsQueue, jobId: string | null, runId: string, log: (message: string) => void): Promise<JobInfo | null> {
  if (!jobId) return null;
  try {
    const job = await findJob(queue, jobId);
    if (!job || runIdOf(job) !== runId) return null;
    const state = await onQueue(() => job.getState());
    return { id: jobId, state, failedReason: state === "failed" ? failureOf(job.failedReason).message : null };
  } catch (error) {
    log(errorMessage(error));
    return null;
  }
}

async function policyDiff(store: Store, run: Run): Promise<PolicyDiff | null> {
  if (!run.policyId || !run.policyVersion) return null;
  if (run.policyVersion === 1) return { kind: "created", version: 1 };
  const [before, after] = await Promise.all([store.policies.getPolicy(run.policyId, run.policyVersion - 1), store.policies.getPolicy(run.policyId, run.policyVersion)]);
  if (!before || !after) return null;
  return { kind: "changed", from: before.version, to: after.version, changes: diffPolicies(before, after) };
}

/** The run as it stands: a paused run whose plan was overtaken is marked stale first, so no Approve is offered for it. */
async function currentRun(store: Store, id: string): Promise<Run | null> {
  const run = await store.runs.getRun(id);
  if (run?.status !== "awaiting-approval") return run;
  const reason = await overtakenBy(store, run);
  return reason ? markStale(store, run, reason) : run;
}

export async function runRoutes(app: FastifyInstance, ctx: DashboardContext): Promise<void> {
  const { store, intents } = ctx.deps;

  addPage(app, ctx.audit, {
    method: "GET",
    url: "/runs/:id",
    role: "viewer",
    params: RunParamsSchema,
    query: RunQuerySchema,
    handler: async ({ params, query, session, request }) => {
      const log = (message: string) => request.log.warn({ err: message }, "dashboard: queue look-up failed");
      const jobId = await jobForRun(intents, params.id).catch((error: unknown) => (log(errorMessage(error)), null));
      const [job, decision] = await Promise.all([
        jobInfo(intents, jobId, params.id, log),
        jobInfo(intents, query.decision ?? null, params.id, log),
      ]);
      // Read after the jobs: a job seen finished has already written its run, so the two agree.
      const run = await currentRun(store, params.id);
      if (!run && !job) throw new AgpmError("RUN_NOT_FOUND", `no run ${params.id}`);
      const report = (run?.result as RunReport | null | undefined) ?? null;
      const policyId = report?.policy?.id ?? run?.policyId ?? null;
      const [diff, now] = await Promise.all([
        run ? policyDiff(store, run) : null,
        report && policyId ? statesFor(store, policyId, report.findings.filter(needsAttention).map((f) => f.resourceId)) : new Map(),
      ]);
      return runPage({ id: params.id, run, report, job, decision, diff, now, notice: query.done ?? null }, session);
    },
  });

  for (const [name, approved] of [["approve", true], ["reject", false]] as const) {
    addPage(app, ctx.audit, {
      method: "POST",
      url: `/runs/:id/${name}`,
      role: "approver",
      params: RunParamsSchema,
      body: DecisionFormSchema,
      handler: async ({ params, body, session }) => {
        const run = await decidableRun(store, params.id);
        const { jobId } = await onQueue(() => submitDecision(intents, {
          runId: run.id, approved, by: session.caller.actor, source: "dashboard", ...(body.comment ? { comment: body.comment } : {}),
        }));
        return { redirect: href("/runs", [run.id], { decision: jobId, done: approved ? "approved" : "rejected" }) };
      },
    });
  }
}
