// Bearer tokens and roles: who may call what, and that refusals land in the audit log too.
import { afterEach, describe, expect, it } from "vitest";
import { createApiEnv, eventually, type ApiEnv } from "./api-env.js";

let env: ApiEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const intent = { intent: "Ensure all S3 buckets are encrypted", command: "check" };

describe("when a request has no valid token", () => {
  it("answers 401 without a token, with a malformed one, an unknown one and a revoked one", async () => {
    env = await createApiEnv();
    const e = env;
    const call = (authorization?: string) =>
      e.server.inject({ method: "GET", url: "/v1/policies", headers: authorization ? { authorization } : {} });
    const revoked = await e.graph.store.tokens.createToken({ role: "approver", name: "gone", createdBy: "tester" });
    await e.graph.store.tokens.revokeToken(revoked.token.id);
    const unknown = `agpm_${"A".repeat(43)}`;
    for (const authorization of [undefined, "Bearer", "Basic dXNlcjpwYXNz", `Bearer ${unknown}`, `Bearer ${revoked.secret}`, `Bearer ${e.tokens.viewer}x`]) {
      const response = await call(authorization);
      expect(response.statusCode, String(authorization)).toBe(401);
      expect(response.json()).toMatchObject({ error: { code: "UNAUTHORIZED" } });
    }
    expect((await call(`Bearer ${e.tokens.viewer}`)).statusCode).toBe(200);
    expect((await call(`bearer   ${e.tokens.viewer}`)).statusCode).toBe(200);
  });

  it("serves /healthz and /openapi.json to anyone", async () => {
    env = await createApiEnv();
    expect((await env.request(null, "GET", "/healthz")).json()).toEqual({ status: "ok" });
    expect((await env.request(null, "GET", "/openapi.json")).status).toBe(200);
  });
});

describe("when a token's role is too low", () => {
  it("lets a viewer read but not submit intents (403), an author submit but not approve (403)", async () => {
    env = await createApiEnv();
    const viewerPost = await env.request("viewer", "POST", "/v1/intents", intent);
    expect(viewerPost.status).toBe(403);
    expect(viewerPost.json()).toMatchObject({ error: { code: "FORBIDDEN", message: expect.stringContaining("author") } });
    expect(await env.producer.queue.count()).toBe(0);

    const authorPost = await env.request("author", "POST", "/v1/intents", intent);
    expect(authorPost.status).toBe(202);
    const authorApprove = await env.request("author", "POST", "/v1/runs/run_0abc/approve");
    expect(authorApprove.status).toBe(403);
    // An approver passes the role check and meets the run's own state.
    expect((await env.request("approver", "POST", "/v1/runs/run_0abc/approve")).status).toBe(404);
    for (const role of ["viewer", "author", "approver"] as const) expect((await env.request(role, "GET", "/v1/audit")).status).toBe(200);
  });

  it("audits refused requests with the caller (or anonymous) and the status", async () => {
    env = await createApiEnv();
    const e = env;
    await e.request("viewer", "POST", "/v1/intents", intent);
    await e.request(null, "GET", "/v1/findings");
    const events = await eventually(
      () => e.graph.store.audit.listAudit(),
      (list) => list.filter((ev) => ev.action === "http").length >= 2,
    );
    expect(events).toEqual(expect.arrayContaining([
      expect.objectContaining({ actor: "token:viewer", action: "http", result: "403", detail: expect.stringMatching(/^POST \/v1\/intents \(request [0-9a-f-]{36}\)$/) }),
      expect.objectContaining({ actor: "anonymous", action: "http", result: "401", detail: expect.stringContaining("GET /v1/findings") }),
    ]));
  });
});
