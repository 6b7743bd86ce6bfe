// Reading the store through the API: policies with versions and diffs, findings and the audit
// log with filters and cursor pagination, and the Prometheus metrics.
import { afterEach, describe, expect, it } from "vitest";
import { samplePolicy, sampleFinding } from "../store/helpers.js";
import { createApiEnv, type ApiEnv } from "./api-env.js";

let env: ApiEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

async function readAll<T>(e: ApiEnv, url: string, from: string | null = null): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let pages = 0;
  let cursor: string | null = from;
  do {
    const sep = url.includes("?") ? "&" : "?";
    const response = await e.request("viewer", "GET", cursor ? `${url}${sep}cursor=${cursor}` : url);
    expect(response.status).toBe(200);
    const page = response.json<Page<T>>();
    items.push(...page.items);
    cursor = page.nextCursor;
    pages++;
  } while (cursor !== null);
  return { items, pages };
}

describe("when policies have several versions", () => {
  it("lists them, shows any version in plain words, lists the versions with their changes, and diffs two", async () => {
    env = await createApiEnv();
    const { policies } = env.graph.store;
    await policies.createPolicy(samplePolicy(), "alice");
    await policies.addVersion(samplePolicy({ version: 2, mode: "enforce", title: "S3 private v2" }), "bob");
    await policies.createPolicy(samplePolicy({ id: "other", status: "retired" }), "alice");

    const list = (await env.request("viewer", "GET", "/v1/policies")).json<{ items: Array<{ id: string; version: number }> }>();
    expect(list.items.map((p) => [p.id, p.version])).toEqual([["other", 1], ["s3-private", 2]]);
    const active = (await env.request("viewer", "GET", "/v1/policies?status=retired")).json<{ items: Array<{ id: string }> }>();
    expect(active.items.map((p) => p.id)).toEqual(["other"]);

    const latest = (await env.request("viewer", "GET", "/v1/policies/s3-private")).json<{ policy: { version: number; mode: string }; explanation: string }>();
    expect(latest.policy).toMatchObject({ version: 2, mode: "enforce" });
    expect(latest.explanation).toContain("S3 private v2");
    const first = (await env.request("viewer", "GET", "/v1/policies/s3-private?version=1")).json<{ policy: { version: number; mode: string } }>();
    expect(first.policy).toMatchObject({ version: 1, mode: "audit" });

    const versions = (await env.request("viewer", "GET", "/v1/policies/s3-private/versions")).json<{ versions: Array<{ version: number; createdBy: string; changes: string[] }> }>();
    expect(versions.versions.map((v) => [v.version, v.createdBy])).toEqual([[1, "alice"], [2, "bob"]]);
    expect(versions.versions[0]?.changes).toEqual(["created"]);
    expect(versions.versions[1]?.changes).toEqual(expect.arrayContaining([expect.stringContaining("mode changed from audit to enforce")]));

    const diff = (await env.request("viewer", "GET", "/v1/policies/s3-private/diff")).json<{ from: number; to: number; changes: Array<{ change: string }> }>();
    expect(diff).toMatchObject({ from: 1, to: 2 });
    expect(diff.changes.map((c) => c.change).sort()).toEqual(["mode-changed", "title-changed"]);
    const backwards = (await env.request("viewer", "GET", "/v1/policies/s3-private/diff?from=2&to=1")).json<{ changes: Array<{ text: string }> }>();
    expect(backwards.changes.map((c) => c.text)).toContain("mode changed from enforce to audit");
  });

  it("answers 404 for an unknown policy or version, 400 for a diff with nothing before it", async () => {
    env = await createApiEnv();
    await env.graph.store.policies.createPolicy(samplePolicy(), "alice");
    for (const url of ["/v1/policies/nope", "/v1/policies/nope/versions", "/v1/policies/s3-private?version=7", "/v1/policies/s3-private/diff?from=1&to=9"]) {
      const response = await env.request("viewer", "GET", url);
      expect(response.status, url).toBe(404);
      expect(response.json(), url).toMatchObject({ error: { code: "POLICY_NOT_FOUND" } });
    }
    const nothingBefore = await env.request("viewer", "GET", "/v1/policies/s3-private/diff");
    expect(nothingBefore.status).toBe(400);
    expect(nothingBefore.json()).toMatchObject({ error: { issues: [{ path: "query.from" }] } });
  });
});

describe("when findings are listed", () => {
  it("gives each policy's latest completed run by default, one run's on request, filtered and paged", async () => {
    env = await createApiEnv();
    const { runs, findings } = env.graph.store;
    const completedRun = async (n: number, status: "completed" | "failed" = "completed") => {
      const run = await runs.createRun({ intent: "check", kind: "check", target: { type: "sandbox" }, actor: "tester" });
      await findings.insertFindings(run.id, Array.from({ length: n }, (_, i) => sampleFinding({ resourceId: `bucket-${i}`, status: i % 2 === 0 ? "fail" : "pass" })));
      await runs.updateRun(run.id, { status });
      return run.id;
    };
    const older = await completedRun(3);
    const latest = await completedRun(25);
    await completedRun(40, "failed");

    const all = await readAll<{ runId: string; status: string; resourceId: string }>(env, "/v1/findings?limit=10");
    expect(all.pages).toBe(3);
    expect(all.items).toHaveLength(25);
    expect(new Set(all.items.map((f) => f.runId))).toEqual(new Set([latest]));
    expect(new Set(all.items.map((f) => f.resourceId)).size).toBe(25);

    const failing = await readAll<{ status: string }>(env, "/v1/findings?status=fail&limit=5");
    expect(failing.items).toHaveLength(13);
    expect(failing.items.every((f) => f.status === "fail")).toBe(true);

    const ofRun = await readAll<{ runId: string; location: unknown }>(env, `/v1/findings?run=${older}`);
    expect(ofRun.items.map((f) => f.runId)).toEqual([older, older, older]);
    // A finding stored without a location (as older code wrote them) reads back as AWS, in its region, root unknown.
    expect(ofRun.items.map((f) => f.location)).toEqual(ofRun.items.map(() => ({ domain: "aws", partition: "eu-west-1", root: "" })));
    expect((await env.request("viewer", "GET", "/v1/findings?policy=unknown")).json()).toEqual({ items: [], nextCursor: null });
  });
});

describe("when the audit log is listed", () => {
  it("pages newest first without repeats while events are appended, and filters by actor, action and result", async () => {
    env = await createApiEnv();
    const { audit } = env.graph.store;
    for (let i = 0; i < 12; i++) {
      await audit.appendAudit({ actor: i % 3 === 0 ? "alice" : "bob", runId: "run_1", action: "s3.block-public-access", result: i % 2 === 0 ? "verified" : "failed", detail: `#${i}`, at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString() });
    }
    const first = (await env.request("viewer", "GET", "/v1/audit?run=run_1&limit=5")).json<Page<{ detail: string }>>();
    expect(first.items.map((e) => e.detail)).toEqual(["#11", "#10", "#9", "#8", "#7"]);
    // New events must not shift the next page.
    await audit.appendAudit({ actor: "carol", runId: "run_1", result: "verified", detail: "#new" });
    const rest = await readAll<{ detail: string }>(env, "/v1/audit?run=run_1&limit=5", first.nextCursor);
    expect(rest.items.map((e) => e.detail)).toEqual(["#6", "#5", "#4", "#3", "#2", "#1", "#0"]);

    const alice = (await env.request("viewer", "GET", "/v1/audit?actor=alice&result=verified")).json<Page<{ detail: string }>>();
    expect(alice.items.map((e) => e.detail)).toEqual(["#6", "#0"]);
    const since = (await env.request("viewer", "GET", "/v1/audit?run=run_1&action=s3.block-public-access&since=2026-01-01T00:00:10Z")).json<Page<{ detail: string }>>();
    expect(since.items.map((e) => e.detail)).toEqual(["#11", "#10"]);
  });
});

describe("when Prometheus scrapes /metrics", () => {
  it("needs a token, and counts the API's requests by route and status beside the worker metrics", async () => {
    env = await createApiEnv();
    expect((await env.request(null, "GET", "/metrics")).status).toBe(401);
    await env.request("viewer", "GET", "/v1/policies");
    await env.request("viewer", "GET", "/v1/runs/run_0none");
    const response = await env.request("viewer", "GET", "/metrics");
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^text\/plain/);
    expect(response.body).toContain('agpm_http_requests_total{method="GET",route="/v1/policies",status="200"} 1');
    expect(response.body).toContain('agpm_http_requests_total{method="GET",route="/v1/runs/:id",status="404"} 1');
    expect(response.body).toContain('agpm_http_requests_total{method="GET",route="/metrics",status="401"} 1');
    expect(response.body).toMatch(/^agpm_http_request_duration_seconds_bucket\{/m);
    expect(response.body).toContain("# TYPE agpm_jobs_total counter");
  });

  it("keeps successful scrapes out of the audit log but records refused ones", async () => {
    env = await createApiEnv();
    await env.request("viewer", "GET", "/metrics");
    await env.request(null, "GET", "/metrics");
    await env.request("viewer", "GET", "/v1/policies");
    await env.server.close();
    const http = (await env.graph.store.audit.listAudit()).filter((e) => e.action === "http");
    expect(http.map((e) => [e.actor, e.result, e.detail?.split(" (")[0]])).toEqual([
      ["token:viewer", "200", "GET /v1/policies"],
      ["anonymous", "401", "GET /metrics"],
    ]);
  });
});
