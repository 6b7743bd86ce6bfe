// The OpenAPI 3.1 document, generated from the zod schemas the routes validate with, so the
// document cannot drift from what the server accepts and answers.
import { z } from "zod";
import { ConditionSchema, JsonValueSchema, PolicySchema } from "../contracts/policy.js";
import { AuditEventSchema, StoredFindingSchema } from "../store/index.js";
import { ErrorBodySchema } from "./errors.js";
import type { DeclaredRoute } from "./route.js";
import { JobSchema, RunDetailSchema, RunReportSchema, SubmissionSchema } from "./schemas.js";

type JsonSchema = Record<string, unknown>;

/** Schemas shown under their own names (and referenced by $ref) wherever they appear. */
const NAMED: ReadonlyArray<[z.ZodType, string]> = [
  [ErrorBodySchema, "Error"],
  [RunReportSchema, "RunReport"],
  [SubmissionSchema, "Submission"],
  [JobSchema, "Job"],
  [RunDetailSchema, "RunDetail"],
  [PolicySchema, "Policy"],
  [ConditionSchema, "Condition"],
  [JsonValueSchema, "JsonValue"],
  [StoredFindingSchema, "Finding"],
  [AuditEventSchema, "AuditEvent"],
];

const REF_PREFIX = "#/components/schemas/";
const SHARED = "__shared";

const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, "{$1}");

/** Component schemas, minus the keywords that only make sense in a standalone JSON Schema. */
function tidy(schemas: Record<string, JsonSchema>): Record<string, JsonSchema> {
  // zod puts schemas reused across entries under one "__shared" entry's $defs; give each its own component.
  const shared = (schemas[SHARED]?.$defs ?? {}) as Record<string, JsonSchema>;
  const all: Record<string, JsonSchema> = {};
  for (const [id, schema] of Object.entries(schemas)) if (id !== SHARED) all[id] = schema;
  for (const [id, schema] of Object.entries(shared)) all[`Shared${pascal(id)}`] = schema;
  const text = JSON.stringify(all).replace(/#\/components\/schemas\/__shared#\/\$defs\/([A-Za-z0-9_]+)/g, (_m, id: string) => `${REF_PREFIX}Shared${pascal(id)}`);
  const out = JSON.parse(text) as Record<string, JsonSchema>;
  for (const schema of Object.values(out)) {
    delete schema.$schema;
    delete schema.$id;
  }
  return out;
}

function convert(entries: ReadonlyArray<[z.ZodType, string]>, io: "input" | "output"): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [schema, id] of entries) if (!registry.has(schema)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `${REF_PREFIX}${id}`, io, unrepresentable: "any" });
  return tidy(schemas as Record<string, JsonSchema>);
}

function parameters(schema: z.ZodType | undefined, location: "path" | "query"): JsonSchema[] {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name, in: location, required: location === "path" || required.has(name),
      ...(typeof description === "string" ? { description } : {}),
      schema: rest,
    };
  });
}

const errorResponse = (description: string) => ({ description, content: { "application/json": { schema: { $ref: `${REF_PREFIX}Error` } } } });

export interface OpenApiInfo {
  title: string;
  version: string;
  description?: string;
}

/**
 * Builds the document for the declared routes.
 * @example buildOpenApi(app.apiRoutes, { title: "agpm", version: "0.1.0" }).paths["/v1/runs/{id}"].get
 */
export function buildOpenApi(routes: readonly DeclaredRoute[], info: OpenApiInfo): JsonSchema {
  const responseEntries: Array<[z.ZodType, string]> = [...NAMED];
  const requestEntries: Array<[z.ZodType, string]> = [];
  const named = new Map(NAMED);
  const responseId = new Map<string, string>();
  const requestId = new Map<string, string>();
  for (const route of routes) {
    for (const [status, response] of Object.entries(route.responses)) {
      if (!response.schema) continue;
      const id = named.get(response.schema) ?? responseEntries.find(([s]) => s === response.schema)?.[1] ?? `${pascal(route.operationId)}Response${status === "200" ? "" : status}`;
      responseEntries.push([response.schema, id]);
      responseId.set(`${route.operationId}:${status}`, id);
    }
    if (route.body) {
      // One schema shared by several routes (approve, reject) is one component.
      const id = requestEntries.find(([s]) => s === route.body)?.[1] ?? `${pascal(route.operationId)}Request`;
      requestEntries.push([route.body, id]);
      requestId.set(route.operationId, id);
    }
  }
  const schemas = { ...convert(requestEntries, "input"), ...convert(responseEntries, "output") };

  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const responses: Record<string, unknown> = {};
    for (const [status, response] of Object.entries(route.responses)) {
      const id = responseId.get(`${route.operationId}:${status}`);
      // A response with neither a schema nor a content type is one of the route's errors.
      const content = id
        ? { "application/json": { schema: { $ref: `${REF_PREFIX}${id}` } } }
        : response.contentType ? { [response.contentType]: { schema: { type: "string" } } } : { "application/json": { schema: { $ref: `${REF_PREFIX}Error` } } };
      responses[status] = { description: response.description, content };
    }
    if (route.params || route.query || route.body) responses["400"] ??= errorResponse("invalid input: error.issues names every failing field");
    if (route.access !== "public") {
      responses["401"] ??= errorResponse("no valid API token");
      responses["403"] ??= errorResponse(`the token's role is below ${route.access}`);
      responses["429"] ??= errorResponse("too many requests for this token; see the Retry-After header");
    }
    if (route.body) responses["413"] ??= errorResponse("the body is too large");
    responses["500"] ??= errorResponse("internal error (the message gives a request id for the server log)");

    const operation = {
      operationId: route.operationId,
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: route.tags,
      security: route.access === "public" ? [] : [{ bearer: [] }],
      "x-agpm-role": route.access,
      parameters: [...parameters(route.params, "path"), ...parameters(route.query, "query")],
      ...(route.body ? { requestBody: { required: !route.body.safeParse(undefined).success, content: { "application/json": { schema: { $ref: `${REF_PREFIX}${requestId.get(route.operationId) ?? ""}` } } } } } : {}),
      responses,
    };
    (paths[openApiPath(route.url)] ??= {})[route.method.toLowerCase()] = operation;
  }

  return {
    openapi: "3.1.0",
    info,
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    tags: [...new Set(routes.flatMap((r) => r.tags))].map((name) => ({ name })),
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "An API token from `agpm token create --role viewer|author|approver`." },
      },
    },
  };
}
