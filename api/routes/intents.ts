// POST /v1/intents: an intent becomes a job on the intents queue, with its run id chosen here so
// the caller can follow the run at once.
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { AgpmError } from "../../core/errors.js";
import { newId } from "../../store/index.js";
import { submitIntent } from "../../client/producer.js";
import type { ApiDeps } from "../deps.js";
import { answerSubmission, findJob, onQueue, rememberRunJob, runIdOf, WaitQuerySchema } from "../jobs.js";
import { addRoute } from "../route.js";
import { SubmissionSchema } from "../schemas.js";

export const IntentRequestSchema = z
  .strictObject({
    intent: z.string().trim().min(3, "the intent is empty; say what must be true").max(2000, "the intent is longer than 2000 characters")
      .describe("what must be true, in plain words"),
    command: z.enum(["run", "check"]).default("run").describe("run: translate, publish, plan (and with apply, fix); check: evaluate, change nothing"),
    apply: z.boolean().default(false).describe("make the changes (default: dry run)"),
    autoApprove: z.boolean().default(false).describe("approve a blast-radius pause on the spot (never a safety flag)"),
    maxChanges: z.number().int().min(0).max(100_000).optional().describe("pause for approval when more resources would change (default: the worker's AGPM_MAX_CHANGES)"),
    translator: z.enum(["offline", "llm", "auto"]).optional(),
  })
  .superRefine((body, ctx) => {
    if (body.command === "check" && body.apply) ctx.addIssue({ code: "custom", path: ["apply"], message: "a check changes nothing; apply needs command run" });
  });

export async function intentRoutes(app: FastifyInstance, { deps }: { deps: ApiDeps }): Promise<void> {
  addRoute(app, {
    method: "POST",
    url: "/v1/intents",
    operationId: "submitIntent",
    summary: "Submit an intent",
    description: "Enqueues the intent on the intents queue and answers 202 with the run id (the run starts when a worker takes the job). "
      + "The account is the server's (agpm serve --sandbox/--aws). An identical request by the same token within a minute folds into the first one.",
    tags: ["intents"],
    access: "author",
    body: IntentRequestSchema,
    query: WaitQuerySchema,
    responses: {
      202: { description: "queued: follow links.run or links.job", schema: SubmissionSchema },
      200: { description: "with wait=true: the job finished (report, or error when it failed)", schema: SubmissionSchema },
    },
    handler: async ({ body, query, request, reply }) => {
      const caller = request.caller;
      if (!caller) throw new AgpmError("UNAUTHORIZED", "no caller");
      const chosen = newId("run");
      const { jobId } = await onQueue(() => submitIntent(deps.intents, {
        intent: body.intent,
        options: {
          apply: body.apply, autoApprove: body.autoApprove, target: deps.target, source: "api", requester: caller.actor, runId: chosen,
          ...(body.maxChanges !== undefined ? { maxChanges: body.maxChanges } : {}),
          ...(body.translator ? { translator: body.translator } : {}),
        },
      }, { name: body.command }));
      // A repeated request folds into the first job, whose run is the one to follow.
      const job = await findJob(deps.intents, jobId);
      const runId = (job && runIdOf(job)) ?? chosen;
      await rememberRunJob(deps.intents, runId, jobId);
      const answer = await answerSubmission(deps, runId, jobId, query);
      reply.code(answer.status).header("location", `/v1/runs/${runId}`);
      return answer.body;
    },
  });
}
