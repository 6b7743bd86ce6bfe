// The one way routes are declared: zod schemas for params, query, body and responses that both
// validate the request (400 with every failing field) and document the route in /openapi.json.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import type { Access, AuditMode } from "./auth.js";
import { fieldPath, inputInvalid, type FieldIssue } from "./errors.js";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface ResponseSpec {
  description: string;
  /** The JSON body. Omit it for a body that is not JSON (then give contentType), or for an error (the Error shape). */
  schema?: z.ZodType;
  contentType?: string;
}

export interface RouteInput<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  params: z.output<P>;
  query: z.output<Q>;
  body: z.output<B>;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface RouteSpec<P extends z.ZodType = z.ZodUndefined, Q extends z.ZodType = z.ZodUndefined, B extends z.ZodType = z.ZodUndefined> {
  method: HttpMethod;
  /** Fastify syntax: `/v1/runs/:id`. */
  url: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  access: Access;
  /** Default "always". */
  audit?: AuditMode;
  params?: P;
  query?: Q;
  body?: B;
  /** By status; every documented success and the errors particular to the route (common ones are added). */
  responses: Record<number, ResponseSpec>;
  /** Set the status with `reply.code()` when it is not 200; return the body. */
  handler(input: RouteInput<P, Q, B>): Promise<unknown>;
}

/** A declared route with its types erased, as the OpenAPI generator reads it. */
export type DeclaredRoute = Omit<RouteSpec<z.ZodType, z.ZodType, z.ZodType>, "handler">;

declare module "fastify" {
  interface FastifyInstance {
    /** Every route declared with {@link addRoute} on this server, in order, for the OpenAPI document. */
    apiRoutes: DeclaredRoute[];
  }
}

function parsePart<S extends z.ZodType>(schema: S | undefined, value: unknown, location: string, issues: FieldIssue[]): z.output<S> | undefined {
  if (!schema) return undefined;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    // An unknown key is reported at the key itself, so the path names what to remove.
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) issues.push({ path: fieldPath(location, [...issue.path, key]), message: "unknown field" });
    } else {
      issues.push({ path: fieldPath(location, issue.path), message: issue.message });
    }
  }
  return undefined;
}

/**
 * Registers a route on `app` (any plugin context) and records it for the OpenAPI document.
 * @example
 * addRoute(app, { method: "GET", url: "/v1/runs/:id", operationId: "getRun", summary: "A run", tags: ["runs"], access: "viewer",
 *   params: z.object({ id: z.string() }), responses: { 200: { description: "the run", schema: RunSchema } },
 *   handler: async ({ params }) => store.runs.getRun(params.id) });
 */
export function addRoute<P extends z.ZodType = z.ZodUndefined, Q extends z.ZodType = z.ZodUndefined, B extends z.ZodType = z.ZodUndefined>(
  app: FastifyInstance,
  spec: RouteSpec<P, Q, B>,
): void {
  const { handler, ...declared } = spec;
  app.apiRoutes.push(declared as DeclaredRoute);
  app.route({
    method: spec.method,
    url: spec.url,
    config: { access: spec.access, audit: spec.audit ?? "always" },
    handler: async (request, reply) => {
      // Every part is checked before failing, so one 400 names every bad field.
      const issues: FieldIssue[] = [];
      const params = parsePart(spec.params, request.params, "params", issues);
      const query = parsePart(spec.query, request.query, "query", issues);
      const body = parsePart(spec.body, request.body, "body", issues);
      if (issues.length > 0) throw inputInvalid(issues);
      return handler({ params, query, body, request, reply } as RouteInput<P, Q, B>);
    },
  });
}
