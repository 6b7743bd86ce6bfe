// Builds the HTTP server: the cross-cutting parts (errors, auth, rate limits, audit, metrics)
// on the root instance, then one plugin per area. Other areas (Slack, the dashboard) register
// theirs the same way, on the instance this returns or through `areas`.
import { randomUUID } from "node:crypto";
import rateLimit from "@fastify/rate-limit";
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync } from "fastify";
import { AgpmError } from "../core/errors.js";
import { installAuth } from "./auth.js";
import { DEFAULT_BODY_LIMIT_BYTES, DEFAULT_RATE_LIMIT, type ApiDeps, type ServerOptions } from "./deps.js";
import { installErrorHandling } from "./errors.js";
import { installObservation } from "./observe.js";
import type { DeclaredRoute } from "./route.js";
import { auditRoutes } from "./routes/audit.js";
import { findingRoutes } from "./routes/findings.js";
import { intentRoutes } from "./routes/intents.js";
import { jobRoutes } from "./routes/jobs.js";
import { policyRoutes } from "./routes/policies.js";
import { runRoutes } from "./routes/runs.js";
import { systemRoutes } from "./routes/system.js";

/** A group of routes, given the server's dependencies; declare routes with addRoute to have them checked and documented. */
export type ApiArea = FastifyPluginAsync<{ deps: ApiDeps }>;

export const CORE_AREAS: readonly ApiArea[] = [systemRoutes, intentRoutes, runRoutes, jobRoutes, policyRoutes, findingRoutes, auditRoutes];

/**
 * The API server, not yet listening. Close it before closing the store and the queue.
 * @example
 * const server = await buildServer({ store, intents: producer.queue, target, metrics, logger });
 * await server.listen({ port: 8080, host: "0.0.0.0" });
 */
export async function buildServer(deps: ApiDeps, options: ServerOptions & { areas?: readonly ApiArea[] } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
    genReqId: () => randomUUID(),
    // Requests are counted and audited (observe.ts); a log line per request would only repeat that.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: "requestId" }),
    return503OnClosing: true,
  });
  app.decorate("apiRoutes", [] as DeclaredRoute[]);
  // Bodies are JSON (415 otherwise); an area that takes forms (Slack) adds its parser in its own context.
  app.removeContentTypeParser("text/plain");
  installErrorHandling(app);
  installAuth(app, deps.store);
  installObservation(app, deps.store, deps.metrics);
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });
  const limit = options.rateLimit ?? DEFAULT_RATE_LIMIT;
  if (limit !== false) {
    // Runs after authentication (route-level onRequest hooks follow the instance's), so the key is the token.
    await app.register(rateLimit, {
      max: limit.max,
      timeWindow: limit.windowMs,
      keyGenerator: (request) => (request.caller ? `token:${request.caller.tokenId}` : `ip:${request.ip}`),
      errorResponseBuilder: (_request, context) => new AgpmError("RATE_LIMITED", `rate limit of ${context.max} requests exceeded; retry in ${context.after}`),
      // A Redis outage must not take the whole API down with it: requests go unlimited until it is
      // back (the routes that need Redis answer 503 meanwhile).
      ...(limit.redis ? { redis: limit.redis.client, nameSpace: limit.redis.nameSpace, skipOnError: true } : {}),
    });
  }
  for (const area of [...CORE_AREAS, ...(options.areas ?? [])]) await app.register(area, { deps });
  return app;
}
