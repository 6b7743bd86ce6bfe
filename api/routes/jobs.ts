// GET /v1/jobs/:id: a job on the intents queue — its state, its run, and its report when done.
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { AgpmError } from "../../core/errors.js";
import type { ApiDeps } from "../deps.js";
import { findJob, jobView } from "../jobs.js";
import { addRoute } from "../route.js";
import { JobSchema } from "../schemas.js";

export async function jobRoutes(app: FastifyInstance, { deps }: { deps: ApiDeps }): Promise<void> {
  addRoute(app, {
    method: "GET",
    url: "/v1/jobs/:id",
    operationId: "getJob",
    summary: "A job on the intents queue",
    description: "Finished jobs are kept a day (failed ones a week), then forgotten (404).",
    tags: ["runs"],
    access: "viewer",
    params: z.strictObject({ id: z.string().min(1).max(200) }),
    responses: { 200: { description: "the job", schema: JobSchema } },
    handler: async ({ params }) => {
      const job = await findJob(deps.intents, params.id);
      if (!job) throw new AgpmError("NOT_FOUND", `no job ${params.id} on the intents queue`);
      return jobView(job);
    },
  });
}
