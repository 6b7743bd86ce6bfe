// Intents and approvals through the API, processed by a real intents worker on a real Redis:
// 202 with a run id at once, the run's report once done, and the approval gate end to end.
import { afterEach, describe, expect, it } from "vitest";
import type { RunReport } from "../../agents/reporter/report.js";
import { nextVersion } from "../../engine/version.js";
import { createApiEnv, eventually, type ApiEnv } from "./api-env.js";

let env: ApiEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

interface Submission {
  runId: string;
  jobId: string;
  state: string;
  links: { run: string; job: string };
  report: RunReport | null;
  error: { code: string; message: string } | null;
}
interface RunDetail {
  id: string;
  status: string;
  jobId: string | null;
  run: { actor: string; source: string | null; kind: string } | null;
  report: RunReport | null;
}

const S3 = "Ensure all S3 buckets are private and encrypted";

async function runWhen(e: ApiEnv, runId: string, done: (d: RunDetail) => boolean): Promise<RunDetail> {
  return eventually(async () => (await e.request("viewer", "GET", `/v1/runs/${runId}`)).json<RunDetail>(), done);
}

describe("when an author submits an intent", () => {
  it("answers 202 with a run id that is 'queued' until a worker runs it, then shows its report", async () => {
    env = await createApiEnv();
    const submitted = await env.request("author", "POST", "/v1/intents", { intent: S3, command: "check" });
    expect(submitted.status).toBe(202);
    const body = submitted.json<Submission>();
    expect(body).toMatchObject({ runId: expect.stringMatching(/^run_[0-9a-z]+$/), state: "waiting", report: null });
    expect(body.links).toEqual({ run: `/v1/runs/${body.runId}`, job: `/v1/jobs/${body.jobId}` });
    expect(submitted.headers.location).toBe(body.links.run);

    const queued = (await env.request("viewer", "GET", body.links.run)).json<RunDetail>();
    expect(queued).toEqual({ id: body.runId, status: "queued", jobId: body.jobId, run: null, report: null });

    env.startWorker();
    const done = await runWhen(env, body.runId, (d) => d.status === "completed");
    expect(done.run).toMatchObject({ actor: "token:author", source: "api", kind: "check" });
    expect(done.report?.command).toBe("check");
    expect(done.report?.summary.failed).toBeGreaterThan(0);
    expect(done.report?.findings.every((f) => f.kind === "aws.s3.bucket")).toBe(true);
    expect(done.report?.plan?.kinds).toEqual(["aws.s3.bucket"]);

    const job = (await env.request("viewer", "GET", body.links.job)).json<{ state: string; runId: string; report: RunReport | null }>();
    expect(job).toMatchObject({ state: "completed", runId: body.runId, report: { runId: body.runId } });
  });

  it("folds the same request made twice into one job and one run", async () => {
    env = await createApiEnv();
    const first = (await env.request("author", "POST", "/v1/intents", { intent: S3 })).json<Submission>();
    const again = (await env.request("author", "POST", "/v1/intents", { intent: S3 })).json<Submission>();
    expect(again).toMatchObject({ jobId: first.jobId, runId: first.runId });
    expect(await env.producer.queue.count()).toBe(1);
  });

  it("with wait=true answers 200 with the report, or with the failure and its reason", async () => {
    env = await createApiEnv();
    env.startWorker();
    const ok = await env.request("author", "POST", "/v1/intents?wait=true&timeout=30", { intent: S3, command: "check" });
    expect(ok.status).toBe(200);
    expect(ok.json<Submission>()).toMatchObject({ state: "completed", report: { status: "completed", command: "check" }, error: null });

    const refused = await env.request("author", "POST", "/v1/intents?wait=1", { intent: "Make the office coffee taste better on Mondays" });
    expect(refused.status).toBe(200);
    const body = refused.json<Submission>();
    expect(body).toMatchObject({ state: "failed", error: { code: "INTENT_UNTRANSLATABLE" }, report: { status: "failed" } });
  });
});

describe("when enforcement needs approval", () => {
  it("pauses the run; an approver's approval resumes it on the worker and fixes the account, audited with the caller", async () => {
    env = await createApiEnv();
    env.startWorker();
    const submitted = (await env.request("author", "POST", "/v1/intents", { intent: S3, apply: true, maxChanges: 0 })).json<Submission>();
    const paused = await runWhen(env, submitted.runId, (d) => d.status === "awaiting-approval");
    expect(paused.report?.blastRadius?.resources).toBeGreaterThan(0);
    // The approver sees the exact changes approving would make, before and after.
    const planned = paused.report?.actions ?? [];
    expect(planned.length).toBeGreaterThanOrEqual(paused.report?.blastRadius?.changes ?? 1);
    expect(planned.every((a) => a.status === "planned" || a.status === "manual")).toBe(true);
    expect(planned.filter((a) => a.status === "planned").every((a) => a.before !== null && a.after !== null)).toBe(true);

    const approved = await env.request("approver", "POST", `/v1/runs/${submitted.runId}/approve?wait=true&timeout=30`, { comment: "change window" });
    expect(approved.status).toBe(200);
    const outcome = approved.json<Submission>();
    expect(outcome.report?.status).toBe("completed");
    expect(outcome.report?.actions.length).toBeGreaterThan(0);
    expect(outcome.report?.actions.every((a) => a.status === "verified")).toBe(true);
    expect(outcome.report?.approval).toMatchObject({ approved: true, by: "token:approver", comment: "change window" });
    expect((await runWhen(env, submitted.runId, () => true)).status).toBe("completed");

    const e = env;
    const audit = await eventually(
      async () => (await e.request("viewer", "GET", `/v1/audit?run=${submitted.runId}&limit=1000`)).json<{ items: Array<{ actor: string; action: string | null; result: string; detail: string | null }> }>().items,
      (items) => items.some((i) => i.action === "http" && i.actor === "token:approver"),
    );
    expect(audit).toEqual(expect.arrayContaining([
      expect.objectContaining({ actor: "token:approver", action: "approval", result: "approved", detail: "change window" }),
      expect.objectContaining({ actor: "token:approver", action: "http", result: "200", detail: expect.stringContaining(`POST /v1/runs/${submitted.runId}/approve`) }),
      expect.objectContaining({ action: "s3.enable-default-encryption", result: "verified" }),
    ]));

    const again = await env.request("approver", "POST", `/v1/runs/${submitted.runId}/reject`);
    expect(again.status).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: "RUN_NOT_AWAITING_APPROVAL" } });
  });

  it("refuses to approve a run whose policy has a newer version: 409 RUN_STALE with the reason, and the run shows stale", async () => {
    env = await createApiEnv();
    env.startWorker();
    const submitted = (await env.request("author", "POST", "/v1/intents", { intent: S3, apply: true, maxChanges: 0 })).json<Submission>();
    const paused = await runWhen(env, submitted.runId, (d) => d.status === "awaiting-approval");
    const policy = await env.graph.store.policies.getPolicy(paused.report?.policy?.id ?? "");
    if (!policy) throw new Error("the run published no policy");
    await env.graph.store.policies.addVersion(nextVersion(policy, { mode: "audit", intent: "Only report S3 findings" }), "bob");
    const refused = await env.request("approver", "POST", `/v1/runs/${submitted.runId}/approve`);
    expect(refused.status).toBe(409);
    expect(refused.json()).toMatchObject({ error: { code: "RUN_STALE", message: expect.stringContaining(`policy ${policy.id} has a newer version (v2)`) } });
    const shown = await runWhen(env, submitted.runId, () => true);
    expect(shown.status).toBe("stale");
    expect(shown.report?.status).toBe("stale");
    expect((await env.request("viewer", "GET", "/v1/runs?status=stale")).json<{ items: Array<{ id: string }> }>().items.map((r) => r.id)).toEqual([submitted.runId]);
  });

  it("an approver's rejection is queued (202) and leaves the account alone", async () => {
    env = await createApiEnv();
    env.startWorker();
    const submitted = (await env.request("author", "POST", "/v1/intents", { intent: S3, apply: true, maxChanges: 0 })).json<Submission>();
    await runWhen(env, submitted.runId, (d) => d.status === "awaiting-approval");
    const rejected = await env.request("approver", "POST", `/v1/runs/${submitted.runId}/reject`, { comment: "change freeze" });
    expect(rejected.status).toBe(202);
    expect(rejected.json<Submission>()).toMatchObject({ runId: submitted.runId, links: { job: expect.stringMatching(/^\/v1\/jobs\//) } });
    const done = await runWhen(env, submitted.runId, (d) => d.status === "rejected");
    expect(done.report?.actions).toEqual([]);
    const rejection = (await env.graph.store.audit.listAudit({ runId: submitted.runId })).find((ev) => ev.action === "approval");
    expect(rejection).toMatchObject({ actor: "token:approver", result: "rejected", detail: "change freeze" });
  });
});
