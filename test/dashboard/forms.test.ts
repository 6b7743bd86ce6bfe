// Signing in and out, who may decide, CSRF and cross-site refusals, the intent form, and Bull Board's
// guard — over plain HTTP against the real server, store and queue.
import { afterEach, describe, expect, it } from "vitest";
import { startRun } from "../../graphs/runner.js";
import { eventually } from "../api/api-env.js";
import { createDashboardEnv, type DashboardEnv } from "./dashboard-env.js";

const S3 = "Ensure all AWS cloud storage buckets are private and encrypted.";

let env: DashboardEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

/** The Set-Cookie line that sets `name` (undefined when the response does not set it). */
function cookieLine(headers: Record<string, unknown>, name: string): string | undefined {
  const raw = headers["set-cookie"];
  return (Array.isArray(raw) ? raw.map(String) : typeof raw === "string" ? [raw] : []).find((l) => l.startsWith(`${name}=`));
}

async function pausedRun(e: DashboardEnv): Promise<string> {
  const { report } = await startRun(e.graph.deps, e.graph.store.checkpointer, { intent: S3, options: e.graph.options({ command: "run", apply: true, maxChanges: 0 }) });
  expect(report.status).toBe("awaiting-approval");
  return report.runId;
}

describe("when someone signs in with a token", () => {
  it("keeps the token in an HttpOnly SameSite=Strict cookie, goes back where it was asked, and signs out", async () => {
    env = await createDashboardEnv();
    const signedOut = await env.page(null, "/audit?actor=x");
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.location).toBe("/login?next=%2Faudit%3Factor%3Dx");

    const wrong = await env.form(null, "/login", { token: "agpm_not-a-token", next: "/audit" });
    expect(wrong.status).toBe(401);
    expect(wrong.headers["set-cookie"]).toBeUndefined();
    expect(wrong.body).toContain("That token is not valid");

    const ok = await env.form(null, "/login", { token: env.tokens.viewer, next: "/audit?actor=x" });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe("/audit?actor=x");
    expect(cookieLine(ok.headers, "agpm_session")).toBe(`agpm_session=${env.tokens.viewer}; Max-Age=43200; Path=/; HttpOnly; SameSite=Strict`);
    // A new sign-in drops the CSRF secret, so the new session gets its own.
    expect(cookieLine(ok.headers, "agpm_csrf")).toMatch(/^agpm_csrf=; Max-Age=0; Path=\/;.* HttpOnly; SameSite=Strict$/);
    const e = env;
    await eventually(() => e.graph.store.audit.listAudit({}), (events) => events.some((ev) => ev.actor === "token:viewer" && ev.detail?.startsWith("POST /login") === true));

    const elsewhere = await env.form(null, "/login", { token: env.tokens.viewer, next: "//evil.example/" });
    expect(elsewhere.headers.location).toBe("/");

    const out = await env.form("viewer", "/logout", {});
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe("/login");
    expect(cookieLine(out.headers, "agpm_session")).toMatch(/^agpm_session=; Max-Age=0; Path=\/;/);
    expect(cookieLine(out.headers, "agpm_csrf")).toMatch(/^agpm_csrf=; Max-Age=0;/);
  });

  it("ends the session when the token is revoked", async () => {
    env = await createDashboardEnv();
    expect((await env.page("viewer", "/")).status).toBe(200);
    const token = (await env.graph.store.tokens.listTokens()).find((t) => t.name === "viewer");
    await env.graph.store.tokens.revokeToken(token?.id ?? "");
    const page = await env.page("viewer", "/");
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe("/login?next=%2F&ended=1");
    expect(cookieLine(page.headers, "agpm_session")).toMatch(/^agpm_session=; Max-Age=0;/);
  });

  it("marks both cookies Secure when told to, and over plain http only then", async () => {
    env = await createDashboardEnv({ secureCookies: true });
    const secure = await env.form(null, "/login", { token: env.tokens.viewer });
    expect(cookieLine(secure.headers, "agpm_session")).toContain("; Secure");
    const page = await env.page("viewer", "/login");
    expect(cookieLine(page.headers, "agpm_csrf")).toMatch(/^agpm_csrf=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
    await env.close();
    env = await createDashboardEnv();
    expect(cookieLine((await env.form(null, "/login", { token: env.tokens.viewer })).headers, "agpm_session")).not.toContain("Secure");
    expect(cookieLine((await env.page("viewer", "/login")).headers, "agpm_csrf")).not.toContain("Secure");
  });

  it("refuses a sign-in form posted from another site", async () => {
    env = await createDashboardEnv();
    const forged = await env.form(null, "/login", { token: env.tokens.approver }, { headers: { origin: "https://evil.example" } });
    expect(forged.status).toBe(403);
    expect(forged.headers["set-cookie"]).toBeUndefined();
  });
});

describe("when a run waits for approval", () => {
  it("shows Approve and Reject only to approvers, and refuses a decision from anyone else", async () => {
    env = await createDashboardEnv();
    const runId = await pausedRun(env);
    expect((await env.page("approver", `/runs/${runId}`)).body).toContain(`<form method="post" action="/runs/${runId}/approve" class="card decision" id="decision">`);
    for (const role of ["viewer", "author"] as const) {
      const page = await env.page(role, `/runs/${runId}`);
      expect(page.body).not.toContain('id="decision"');
      const refused = await env.form(role, `/runs/${runId}/approve`, { comment: "sneaky" });
      expect(refused.status).toBe(403);
      expect(refused.body).toContain(`this needs a token with role approver or above; ${role} is ${role}`);
    }
    expect(await env.producer.queue.count()).toBe(0);
    expect((await env.graph.store.runs.getRun(runId))?.status).toBe("awaiting-approval");
  });

  it("refuses a decision without the session's CSRF token or from another site", async () => {
    env = await createDashboardEnv();
    const runId = await pausedRun(env);
    const url = `/runs/${runId}/approve`;
    expect((await env.form("approver", url, {}, { csrf: false })).status).toBe(403);
    expect((await env.form("approver", url, {}, { csrf: "forged" })).status).toBe(403);
    expect((await env.form("approver", url, {}, { headers: { origin: "https://evil.example" } })).status).toBe(403);
    expect((await env.form("approver", url, {}, { headers: { "sec-fetch-site": "cross-site" } })).status).toBe(403);
    // The token is bound to its session: the viewer's token and CSRF cookie do not work with the approver's session.
    const viewer = await env.csrf("viewer");
    const borrowed = await env.server.inject({
      method: "POST", url, payload: `_csrf=${encodeURIComponent(viewer.token)}`,
      headers: { accept: "text/html", "content-type": "application/x-www-form-urlencoded", cookie: `agpm_session=${env.tokens.approver}; ${viewer.cookie}` },
    });
    expect(borrowed.statusCode).toBe(403);
    expect(borrowed.body).toContain("CSRF token missing or wrong");
    // Nor does the approver's own token without the CSRF secret cookie it was made from.
    const approver = await env.csrf("approver");
    const noSecret = await env.server.inject({
      method: "POST", url, payload: `_csrf=${encodeURIComponent(approver.token)}`,
      headers: { accept: "text/html", "content-type": "application/x-www-form-urlencoded", cookie: `agpm_session=${env.tokens.approver}` },
    });
    expect(noSecret.statusCode).toBe(403);
    expect(await env.producer.queue.count()).toBe(0);
    // A bearer header is never sent by a browser on its own, so scripts using it need no CSRF field.
    const scripted = await env.server.inject({ method: "POST", url: `/runs/${runId}/reject`, headers: { authorization: `Bearer ${env.tokens.author}`, accept: "text/html", "content-type": "application/x-www-form-urlencoded" }, payload: "" });
    expect(scripted.statusCode).toBe(403);
    expect(scripted.body).toContain("role approver or above");
    expect(await env.producer.queue.count()).toBe(0);

    const approved = await env.form("approver", url, { comment: "change window" }, { headers: { origin: "http://localhost:80", host: "localhost:80", "sec-fetch-site": "same-origin" } });
    expect(approved.status).toBe(303);
    const location = new URL(String(approved.headers.location), "http://x");
    expect(location.pathname).toBe(`/runs/${runId}`);
    expect(location.searchParams.get("done")).toBe("approved");
    const [job] = await env.producer.queue.getJobs(["waiting"]);
    expect(job?.id).toBe(location.searchParams.get("decision"));
    expect(job?.data).toEqual({ runId, approved: true, by: "token:approver", comment: "change window", source: "dashboard" });
    // Until a worker takes the decision the page says so and keeps reloading.
    const waiting = await env.page("approver", String(approved.headers.location));
    expect(waiting.body).toContain("A decision (approve) is queued");
    expect(waiting.body).toContain('<meta http-equiv="refresh" content="2">');
    expect(waiting.body).not.toContain('id="decision"');
  });

  it("takes a decision from a script's bearer header, and answers 409 once the run no longer waits", async () => {
    env = await createDashboardEnv();
    env.startWorker();
    const runId = await pausedRun(env);
    // A script signed in by bearer header (no cookie) needs no CSRF field.
    const rejected = await env.server.inject({
      method: "POST", url: `/runs/${runId}/reject`, payload: "comment=freeze",
      headers: { authorization: `Bearer ${env.tokens.approver}`, accept: "text/html", "content-type": "application/x-www-form-urlencoded" },
    });
    expect(rejected.statusCode).toBe(303);
    const e = env;
    await eventually(() => e.graph.store.runs.getRun(runId), (run) => run?.status === "rejected");
    const again = await env.form("approver", `/runs/${runId}/approve`, {});
    expect(again.status).toBe(409);
    expect(again.body).toContain("is rejected, not awaiting approval");
    expect((await env.graph.store.audit.listAudit({ runId })).find((ev) => ev.action === "approval")).toMatchObject({ actor: "token:approver", result: "rejected", detail: "freeze" });
  });
});

describe("when an author submits the intent form", () => {
  it("queues the intent as the author from the dashboard and follows its run", async () => {
    env = await createDashboardEnv();
    expect((await env.page("viewer", "/intents/new")).status).toBe(403);
    const submitted = await env.form("author", "/intents", { intent: S3, command: "run", apply: "true", maxChanges: "0" });
    expect(submitted.status).toBe(303);
    const location = String(submitted.headers.location);
    const runId = /^\/runs\/(run_[0-9a-z]+)\?done=submitted$/.exec(location)?.[1];
    expect(runId).toBeDefined();
    const [job] = await env.producer.queue.getJobs(["waiting"]);
    expect(job?.name).toBe("run");
    expect(job?.data).toMatchObject({ intent: S3, options: { apply: true, maxChanges: 0, source: "dashboard", requester: "token:author", runId } });

    const queued = await env.page("author", location);
    expect(queued.body).toContain("Queued (job");
    expect(queued.body).toContain('<meta http-equiv="refresh" content="2">');
    // The API follows the same run.
    expect((await env.request("viewer", "GET", `/v1/runs/${runId}`)).json()).toMatchObject({ id: runId, status: "queued", jobId: job?.id });
  });

  it("shows the form again with the reasons when the intent is not acceptable", async () => {
    env = await createDashboardEnv();
    const empty = await env.form("author", "/intents", { intent: "", command: "run", maxChanges: "" });
    expect(empty.status).toBe(400);
    expect(empty.body).toContain("intent: the intent is empty");
    const check = await env.form("author", "/intents", { intent: "No <b>public</b> buckets", command: "check", apply: "true", maxChanges: "-1" });
    expect(check.status).toBe(400);
    expect(check.body).toContain("apply: a check changes nothing");
    expect(check.body).toContain("maxChanges:");
    expect(check.body).toContain(">No &lt;b&gt;public&lt;/b&gt; buckets</textarea>");
    expect(await env.producer.queue.count()).toBe(0);
  });
});

describe("when someone opens Bull Board", () => {
  it("lets approvers in, keeps others out, and serves it with no external font", async () => {
    env = await createDashboardEnv();
    const board = await env.page("approver", "/admin/queues");
    expect(board.status).toBe(200);
    expect(board.body).not.toContain("fonts.googleapis.com");
    expect(board.headers["content-security-policy"]).toContain("default-src 'self'");
    const api = await env.page("approver", "/admin/queues/api/queues", { accept: "application/json" });
    expect(api.status).toBe(200);
    expect(JSON.stringify(api.json())).toContain('"intents"');

    expect((await env.page("author", "/admin/queues")).status).toBe(403);
    expect((await env.page("viewer", "/admin/queues/api/queues", { accept: "application/json" })).status).toBe(403);
    const signedOut = await env.page(null, "/admin/queues");
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.location).toBe("/login?next=%2Fadmin%2Fqueues");
    expect((await env.request(null, "GET", "/admin/queues/api/queues")).status).toBe(401);
  });
});

describe("when a browser makes too many requests", () => {
  it("is limited per token like the API, with a page saying so", async () => {
    env = await createDashboardEnv({}, { rateLimit: { max: 2, windowMs: 60_000 } });
    expect((await env.page("viewer", "/")).status).toBe(200);
    expect((await env.page("viewer", "/findings")).status).toBe(200);
    const limited = await env.page("viewer", "/audit");
    expect(limited.status).toBe(429);
    expect(limited.body).toContain("429 · Slow down");
    // Another token has its own allowance.
    expect((await env.page("approver", "/")).status).toBe(200);
  });
});
