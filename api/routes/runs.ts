// Runs: one run's state and report, recent runs, and the approver's decision on a paused run
// (enqueued on the intents queue; any worker resumes the run from its checkpoint).
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { RunReport } from "../../agents/reporter/report.js";
import { decidableRun } from "../../agents/approval/stale.js";
import { AgpmError } from "../../core/errors.js";
import { RunStatusSchema, type Run } from "../../store/index.js";
import { submitDecision } from "../../client/producer.js";
import type { ApiDeps } from "../deps.js";
import { answerSubmission, findJob, jobForRun, onQueue, WaitQuerySchema } from "../jobs.js";
import { addRoute } from "../route.js";
import { RunDetailSchema, RunViewSchema, SubmissionSchema } from "../schemas.js";

const RunParamsSchema = z.strictObject({ id: z.string().min(1).max(200).describe("run id, e.g. run_0mww6y4hn3fujt3y3ptu0p") });
const DecisionBodySchema = z.strictObject({ comment: z.string().max(2000).optional().describe("recorded in the audit log") }).optional();

const flag = (v: unknown) => (typeof v === "boolean" ? v : null);

export function runView(run: Run): z.infer<typeof RunViewSchema> {
  return {
    id: run.id, intent: run.intent, kind: run.kind, status: run.status, actor: run.actor,
    source: typeof run.options.source === "string" ? run.options.source : null,
    policyId: run.policyId, policyVersion: run.policyVersion,
    options: {
      apply: flag(run.options.apply), autoApprove: flag(run.options.autoApprove),
      maxChanges: typeof run.options.maxChanges === "number" ? run.options.maxChanges : null,
    },
    error: run.error, createdAt: run.createdAt, updatedAt: run.updatedAt,
  };
}

export async function runRoutes(app: FastifyInstance, { deps }: { deps: ApiDeps }): Promise<void> {
  addRoute(app, {
    method: "GET",
    url: "/v1/runs",
    operationId: "listRuns",
    summary: "Recent runs, newest first",
    tags: ["runs"],
    access: "viewer",
    query: z.strictObject({ status: RunStatusSchema.optional(), limit: z.coerce.number().int().min(1).max(1000).default(50) }),
    responses: { 200: { description: "runs", schema: z.object({ items: z.array(RunViewSchema) }) } },
    handler: async ({ query }) => ({ items: (await deps.store.runs.listRuns(query)).map(runView) }),
  });

  addRoute(app, {
    method: "GET",
    url: "/v1/runs/:id",
    operationId: "getRun",
    summary: "A run: its state, plan, policy, findings and actions",
    description: "status is \"queued\" until a worker starts the run; then the run's status, and report holds the run report once it has one.",
    tags: ["runs"],
    access: "viewer",
    params: RunParamsSchema,
    responses: { 200: { description: "the run", schema: RunDetailSchema } },
    handler: async ({ params }) => {
      const [run, jobId] = await Promise.all([deps.store.runs.getRun(params.id), jobForRun(deps.intents, params.id)]);
      if (run) return { id: run.id, status: run.status, jobId, run: runView(run), report: (run.result as RunReport | null) ?? null };
      const job = jobId ? await findJob(deps.intents, jobId) : null;
      if (!job) throw new AgpmError("RUN_NOT_FOUND", `no run ${params.id}`);
      // The worker has not created the run yet, or the job failed before it could.
      const status = (await job.getState()) === "failed" ? "failed" : "queued";
      return { id: params.id, status, jobId, run: null, report: null };
    },
  });

  for (const [name, approved] of [["approve", true], ["reject", false]] as const) {
    addRoute(app, {
      method: "POST",
      url: `/v1/runs/:id/${name}`,
      operationId: `${name}Run`,
      summary: approved ? "Approve a run paused for approval" : "Reject a run paused for approval",
      description: "Enqueues the decision (by this token) on the intents queue; a worker resumes the run. With wait=true, answers with the run's report.",
      tags: ["runs"],
      access: "approver",
      params: RunParamsSchema,
      query: WaitQuerySchema,
      body: DecisionBodySchema,
      responses: {
        202: { description: "the decision is queued", schema: SubmissionSchema },
        200: { description: "with wait=true: the run went on (report)", schema: SubmissionSchema },
        404: { description: "no such run" },
        409: { description: "the run is not awaiting approval (RUN_NOT_AWAITING_APPROVAL), or its plan was overtaken (RUN_STALE, with the reason)" },
      },
      handler: async ({ params, query, body, request, reply }) => {
        const caller = request.caller;
        if (!caller) throw new AgpmError("UNAUTHORIZED", "no caller");
        // A stale run (its plan overtaken) is refused here, before any decision is queued.
        const run = await decidableRun(deps.store, params.id);
        const { jobId } = await onQueue(() => submitDecision(deps.intents, {
          runId: run.id, approved, by: caller.actor, source: "api", ...(body?.comment ? { comment: body.comment } : {}),
        }));
        const answer = await answerSubmission(deps, run.id, jobId, query);
        reply.code(answer.status);
        return answer.body;
      },
    });
  }
}
