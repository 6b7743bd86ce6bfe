// `agpm serve` and `agpm worker` as real processes on one store and one Redis: a token made with
// `agpm token create`, an intent over real HTTP, the approval pause, and a clean stop on SIGTERM.
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { createWorkspace, type CliWorkspace } from "../helpers/cli.js";
import { pollDelay } from "../helpers/until.js";
import { startAgpm, startWorker, stopAll } from "../workers/processes.js";
import { deleteKeys } from "../workers/redis-env.js";

let ws: CliWorkspace | undefined;
let prefix = "";
afterEach(async () => {
  await stopAll();
  await deleteKeys(prefix);
  ws?.cleanup();
  ws = undefined;
});

async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; ; i++) {
    const value = await read();
    if (done(value) || i > 300) return value;
    await pollDelay(i, 100);
  }
}

describe("when agpm serve runs beside a worker", () => {
  it("takes an intent over HTTP, pauses it for approval, resumes it on the approver's word, and stops cleanly", async () => {
    prefix = `agpm-test-${randomUUID()}`;
    const env = { AGPM_QUEUE_PREFIX: prefix, AGPM_ACTOR: "tester", AGPM_LOG_LEVEL: "info" };
    ws = createWorkspace(env);
    const author = (await ws.run("token", "create", "--role", "author", "--name", "deployer")).stdout.trim();
    const approver = (await ws.run("token", "create", "--role", "approver", "--name", "lead")).stdout.trim();

    const server = await startAgpm(["serve", "--port", "0", "--host", "127.0.0.1"], { cwd: ws.dir, env, ready: "agpm serve: http" });
    const base = /agpm serve: (http:\/\/127\.0\.0\.1:\d+)/.exec(server.stderr())?.[1] ?? "";
    expect(base).not.toBe("");
    await startWorker(ws.dir, env);

    const call = (token: string | null, method: string, path: string, body?: unknown) => fetch(`${base}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

    expect((await call(null, "GET", "/healthz")).status).toBe(200);
    const submitted = await call(author, "POST", "/v1/intents", { intent: "Ensure all S3 buckets are private and encrypted", apply: true, maxChanges: 0 });
    expect(submitted.status).toBe(202);
    const { runId } = (await submitted.json()) as { runId: string };

    const paused = await poll(async () => (await (await call(author, "GET", `/v1/runs/${runId}`)).json()) as { status: string }, (r) => r.status === "awaiting-approval");
    expect(paused.status).toBe("awaiting-approval");
    expect((await call(author, "POST", `/v1/runs/${runId}/approve`)).status).toBe(403);

    const approved = await call(approver, "POST", `/v1/runs/${runId}/approve?wait=true&timeout=60`, { comment: "go" });
    expect(approved.status).toBe(200);
    const outcome = (await approved.json()) as { report: { status: string; actions: Array<{ status: string; resourceId: string }> } };
    expect(outcome.report.status).toBe("completed");
    expect(outcome.report.actions.length).toBeGreaterThan(0);
    expect(outcome.report.actions.every((a) => a.status === "verified")).toBe(true);

    // The fixes reached the account the server names (its default sandbox file), read as a user would.
    const fixed = new Set(outcome.report.actions.map((a) => a.resourceId));
    const buckets = ws.sandbox().s3.buckets.filter((b) => fixed.has(b.Name));
    expect(buckets.length).toBe(fixed.size);
    for (const bucket of buckets) {
      expect(bucket.Encryption, bucket.Name).toMatchObject({ Rules: [expect.anything()] });
      expect(bucket.PublicAccessBlock, bucket.Name).toMatchObject({ BlockPublicAcls: true, RestrictPublicBuckets: true });
    }

    const audit = (await ws.run("audit", "--run", runId, "--json")).json<{ events: Array<{ actor: string; action: string | null; result: string }> }>();
    expect(audit.events).toEqual(expect.arrayContaining([
      expect.objectContaining({ actor: "token:lead", action: "approval", result: "approved" }),
      expect.objectContaining({ actor: "token:lead", action: "http", result: "200" }),
      expect.objectContaining({ actor: "token:deployer", action: "http", result: "403" }),
    ]));

    server.proc.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    expect(server.stderr()).toContain("agpm serve: stopped");
  });
});
