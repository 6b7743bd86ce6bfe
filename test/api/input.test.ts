// Bad input and limits: 400 naming every failing field, 404 and 413 as JSON, per-token 429,
// and a 500 that says "internal error" with a request id and nothing else.
import type { FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { addRoute, type ApiArea } from "../../api/index.js";
import { createApiEnv, type ApiEnv } from "./api-env.js";

let env: ApiEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

interface ErrorJson {
  error: { code: string; message: string; issues?: Array<{ path: string; message: string }>; requestId: string };
}

describe("when the input is invalid", () => {
  it("answers 400 with the path of every failing field in the body and the query, enqueuing nothing", async () => {
    env = await createApiEnv();
    const response = await env.request("author", "POST", "/v1/intents?wait=maybe&timeout=9999", {
      intent: " x ", apply: "yes", maxChanges: -1, target: { type: "aws", region: "us-east-1" },
    });
    expect(response.status).toBe(400);
    const { error } = response.json<ErrorJson>();
    expect(error.code).toBe("INPUT_INVALID");
    expect(error.issues?.map((i) => i.path).sort()).toEqual(["body.apply", "body.intent", "body.maxChanges", "body.target", "query.timeout", "query.wait"]);
    expect(error.issues?.find((i) => i.path === "body.target")?.message).toBe("unknown field");
    // The message names the first problem (params, then query, then body) and counts the rest.
    expect(error.message).toBe("query.wait: true or false (and 5 more)");
    expect(await env.producer.queue.count()).toBe(0);
  });

  it("refuses apply on a check, bad pagination and a forged cursor with their paths", async () => {
    env = await createApiEnv();
    const check = await env.request("author", "POST", "/v1/intents", { intent: "Ensure all S3 buckets are encrypted", command: "check", apply: true });
    expect(check.json<ErrorJson>().error.issues).toEqual([{ path: "body.apply", message: expect.stringContaining("check") }]);
    const page = await env.request("viewer", "GET", "/v1/findings?limit=0&status=broken&polcy=x");
    expect(page.json<ErrorJson>().error.issues?.map((i) => i.path).sort()).toEqual(["query.limit", "query.polcy", "query.status"]);
    const cursor = await env.request("viewer", "GET", "/v1/audit?cursor=not-ours");
    expect(cursor.status).toBe(400);
    expect(cursor.json<ErrorJson>().error.issues).toEqual([{ path: "query.cursor", message: expect.any(String) }]);
  });

  it("answers 400 for a body that is not JSON, and 415 for another media type", async () => {
    env = await createApiEnv();
    const headers = { authorization: `Bearer ${env.tokens.author}` };
    const broken = await env.server.inject({ method: "POST", url: "/v1/intents", headers: { ...headers, "content-type": "application/json" }, payload: "{\"intent\":" });
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toMatchObject({ error: { code: "INPUT_INVALID", message: "the body is not valid JSON" } });
    const text = await env.server.inject({ method: "POST", url: "/v1/intents", headers: { ...headers, "content-type": "text/plain" }, payload: "Ensure all S3 buckets are encrypted" });
    expect(text.statusCode).toBe(415);
    expect(text.json()).toMatchObject({ error: { code: "INPUT_INVALID" } });
  });
});

describe("when a route does not exist", () => {
  it("answers 404 as JSON, with or without a token", async () => {
    env = await createApiEnv();
    for (const role of [null, "viewer"] as const) {
      const response = await env.request(role, "GET", "/v1/nothing-here?x=1");
      expect(response.status).toBe(404);
      expect(response.headers["content-type"]).toMatch(/^application\/json/);
      expect(response.json()).toMatchObject({ error: { code: "NOT_FOUND", message: "no route GET /v1/nothing-here" } });
    }
    expect((await env.request("viewer", "GET", "/v1/runs/run_0missing")).json()).toMatchObject({ error: { code: "RUN_NOT_FOUND" } });
    expect((await env.request("viewer", "GET", "/v1/jobs/12345")).status).toBe(404);
  });
});

describe("when the body is too large (real HTTP)", () => {
  it("answers 413 with the error shape, before looking at the content", async () => {
    env = await createApiEnv({ bodyLimitBytes: 1024 });
    const address = await env.server.listen({ port: 0, host: "127.0.0.1" });
    const response = await fetch(`${address}/v1/intents`, {
      method: "POST",
      headers: { authorization: `Bearer ${env.tokens.author}`, "content-type": "application/json" },
      body: JSON.stringify({ intent: `Ensure all S3 buckets are encrypted ${"x".repeat(2000)}` }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: "INPUT_INVALID", message: "the request body is too large" } });
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("when a token makes too many requests", () => {
  it("answers 429 with Retry-After for that token only", async () => {
    env = await createApiEnv({ rateLimit: { max: 3, windowMs: 60_000 } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await env.request("viewer", "GET", "/v1/policies")).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await env.request("viewer", "GET", "/v1/policies");
    expect(limited.json()).toMatchObject({ error: { code: "RATE_LIMITED" } });
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect((await env.request("author", "GET", "/v1/policies")).status).toBe(200);
  });
});

describe("when a handler fails unexpectedly", () => {
  const failing: ApiArea = async (app: FastifyInstance) => {
    addRoute(app, {
      method: "GET", url: "/v1/explode", operationId: "explode", summary: "fails", tags: ["test"], access: "viewer",
      responses: { 200: { description: "never" } },
      handler: async () => {
        throw new Error("SELECT secret FROM passwords at /srv/agpm/internal.ts:42");
      },
    });
  };

  it("answers 500 'internal error' with the request id, and no message, path or stack", async () => {
    env = await createApiEnv({ areas: [failing] });
    const response = await env.request("viewer", "GET", "/v1/explode");
    expect(response.status).toBe(500);
    const body = response.json<ErrorJson>();
    expect(body).toEqual({ error: { code: "INTERNAL", message: "internal error", requestId: response.headers["x-request-id"] } });
    expect(response.body).not.toMatch(/secret|passwords|internal\.ts|at /);
  });

  it("hides store failures the same way", async () => {
    env = await createApiEnv();
    await env.graph.store.close();
    const response = await env.request("viewer", "GET", "/v1/policies");
    // The token check itself needs the store: it fails as a 500, never as a 401 with SQL in it.
    expect(response.status).toBe(500);
    expect(response.json<ErrorJson>().error).toMatchObject({ code: "STORE_ERROR", message: "internal error" });
  });
});
