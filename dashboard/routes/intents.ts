// GET /intents/new and POST /intents: an author's intent becomes a job on the intents queue (with
// its run id chosen here, as the API does) and the browser goes to the run's page to follow it.
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { findJob, onQueue, rememberRunJob, runIdOf } from "../../api/jobs.js";
import { IntentRequestSchema } from "../../api/routes/intents.js";
import { newId } from "../../store/index.js";
import { submitIntent } from "../../client/producer.js";
import type { DashboardContext } from "../context.js";
import { href } from "../html.js";
import { addPage } from "../route.js";
import { EMPTY_INTENT, intentFormPage, type IntentFormValues } from "../views/forms.js";

/** The form as typed (strings); checked with the API's own request schema, so both accept the same intents. */
const IntentFormSchema = z.object({
  intent: z.string().max(4000).default(""),
  command: z.enum(["run", "check"]).catch("run"),
  apply: z.string().optional(),
  maxChanges: z.string().max(20).default(""),
});

export async function intentRoutes(app: FastifyInstance, ctx: DashboardContext): Promise<void> {
  const { intents, target } = ctx.deps;

  addPage(app, ctx.audit, {
    method: "GET",
    url: "/intents/new",
    role: "author",
    handler: async ({ session }) => intentFormPage(session, EMPTY_INTENT),
  });

  addPage(app, ctx.audit, {
    method: "POST",
    url: "/intents",
    role: "author",
    body: IntentFormSchema,
    handler: async ({ body, session, reply }) => {
      const values: IntentFormValues = { intent: body.intent, command: body.command, apply: body.apply === "true", maxChanges: body.maxChanges.trim() };
      const parsed = IntentRequestSchema.safeParse({
        intent: values.intent, command: values.command, apply: values.apply,
        ...(values.maxChanges !== "" ? { maxChanges: Number(values.maxChanges) } : {}),
      });
      if (!parsed.success) {
        reply.code(400);
        return intentFormPage(session, values, parsed.error.issues.map((i) => `${i.path.join(".") || "form"}: ${i.message}`));
      }
      const request = parsed.data;
      const chosen = newId("run");
      const { jobId } = await onQueue(() => submitIntent(intents, {
        intent: request.intent,
        options: {
          apply: request.apply, autoApprove: false, target, source: "dashboard", requester: session.caller.actor, runId: chosen,
          ...(request.maxChanges !== undefined ? { maxChanges: request.maxChanges } : {}),
        },
      }, { name: request.command }));
      // The same intent sent twice within the dedup window folds into the first job and its run.
      const job = await findJob(intents, jobId);
      const runId = (job && runIdOf(job)) ?? chosen;
      await rememberRunJob(intents, runId, jobId);
      return { redirect: href("/runs", [runId], { done: "submitted" }) };
    },
  });
}
