// Operations: liveness, Prometheus metrics and the OpenAPI document.
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { packageVersion } from "../../core/package-info.js";
import type { ApiDeps } from "../deps.js";
import { buildOpenApi } from "../openapi.js";
import { addRoute } from "../route.js";

export async function systemRoutes(app: FastifyInstance, { deps }: { deps: ApiDeps }): Promise<void> {
  addRoute(app, {
    method: "GET",
    url: "/healthz",
    operationId: "health",
    summary: "Liveness",
    tags: ["system"],
    access: "public",
    audit: "never",
    responses: { 200: { description: "the server is up", schema: z.object({ status: z.literal("ok") }) } },
    handler: async () => ({ status: "ok" as const }),
  });

  addRoute(app, {
    method: "GET",
    url: "/metrics",
    operationId: "metrics",
    summary: "Prometheus metrics (text exposition)",
    tags: ["system"],
    access: "viewer",
    // Scrapes every few seconds would drown the audit log; refused ones are still recorded.
    audit: "errors",
    responses: { 200: { description: "metrics", contentType: "text/plain" } },
    handler: async ({ reply }) => {
      reply.type(deps.metrics.contentType);
      return deps.metrics.render();
    },
  });

  let document: Record<string, unknown> | undefined;
  addRoute(app, {
    method: "GET",
    url: "/openapi.json",
    operationId: "openapi",
    summary: "This API's OpenAPI 3.1 document",
    tags: ["system"],
    access: "public",
    audit: "never",
    responses: { 200: { description: "the document", contentType: "application/json" } },
    // Built on first request, when every plugin has declared its routes.
    handler: async () => (document ??= buildOpenApi(app.apiRoutes, { title: "agpm HTTP API", version: packageVersion() })),
  });
}
