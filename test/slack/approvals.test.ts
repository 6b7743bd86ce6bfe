// The Approve / Reject buttons on a real worker: an approver's click resumes the run (the message
// loses its buttons, then shows the verified changes), audited as the Slack user; anyone else is
// refused in private and audited; group approvers are looked up with usergroups.users.list.
import { afterEach, describe, expect, it } from "vitest";
import type { RunReport } from "../../agents/reporter/report.js";
import { APPROVE_ACTION, REJECT_ACTION } from "../../slack/index.js";
import type { SlackCall } from "./slack-stub.js";
import { eventually } from "../api/api-env.js";
import { buttonsOf, textOf } from "./blocks.js";
import { CHANNEL, createSlackEnv, type SlackEnv } from "./slack-env.js";

let env: SlackEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const ALICE = "U0ALICE";
const BOB = "U0BOB";
const MALLORY = "U0MALLORY";
const S3 = "Ensure all S3 buckets are private and encrypted";

/** Alice's intent, paused for approval: the run and agpm's message (with its ts). */
async function pausedRun(e: SlackEnv): Promise<{ runId: string; ts: string; posted: SlackCall }> {
  e.api.startWorker();
  expect((await e.command(ALICE, S3)).status).toBe(200);
  const posted = await e.stub.waitFor("chat.postMessage");
  const runId = buttonsOf(posted)[0]?.value ?? "";
  expect((await e.api.graph.store.runs.getRun(runId))?.status).toBe("awaiting-approval");
  return { runId, ts: String(posted.answer.ts), posted };
}

describe("when an approver presses Approve", () => {
  it("removes the buttons, resumes the run on the worker, and updates the message with the verified changes; the audit log names the Slack user", async () => {
    env = await createSlackEnv({ authors: [ALICE], approvers: [BOB] });
    const { runId, ts } = await pausedRun(env);

    const clicked = await env.click(BOB, APPROVE_ACTION, runId, ts);
    expect(clicked.status).toBe(200);
    expect(clicked.body).toBe("");

    const applying = await env.stub.waitFor("chat.update");
    expect(applying.body).toMatchObject({ channel: CHANNEL, ts });
    expect(buttonsOf(applying)).toEqual([]);
    expect(textOf(applying)).toContain(`Approved by <@${BOB}> — applying the changes…`);

    const done = await env.stub.waitFor("chat.update", () => true, 2);
    const run = await env.api.graph.store.runs.getRun(runId);
    expect(run?.status).toBe("completed");
    const report = run?.result as unknown as RunReport;
    expect(report.actions.length).toBeGreaterThan(0);
    expect(report.actions.every((a) => a.status === "verified")).toBe(true);
    expect(report.approval).toMatchObject({ approved: true, by: `slack:${BOB}` });

    const text = textOf(done);
    expect(buttonsOf(done)).toEqual([]);
    expect(text).toContain(`Approved by <@${BOB}>: ${report.actions.length} changes verified.`);
    // The exact changes, field by field, before → after.
    const encrypted = report.actions.find((a) => a.action === "s3.enable-default-encryption");
    expect(text).toContain(`\`${encrypted?.resourceId}\` (us-east-1) — \`s3.enable-default-encryption\`: encryption.enabled: false → true`);

    const audit = await env.api.graph.store.audit.listAudit({ runId });
    expect(audit).toEqual(expect.arrayContaining([
      expect.objectContaining({ actor: `slack:${BOB}`, action: "approval", result: "approved" }),
      expect.objectContaining({ actor: `slack:${BOB}`, action: "s3.enable-default-encryption", result: "verified" }),
      expect.objectContaining({ actor: `slack:${BOB}`, action: "slack", result: "received", detail: `block_actions ${APPROVE_ACTION} ${runId}` }),
    ]));
  });
});

describe("when someone who is not an approver presses a button", () => {
  it("tells them privately, audits the refusal, and leaves the run waiting", async () => {
    env = await createSlackEnv({ authors: [ALICE], approvers: [BOB] });
    const { runId, ts } = await pausedRun(env);

    expect((await env.click(MALLORY, APPROVE_ACTION, runId, ts)).status).toBe(200);
    const told = await env.stub.waitFor("chat.postEphemeral");
    expect(told.body).toMatchObject({ channel: CHANNEL, user: MALLORY });
    expect(String(told.body.text)).toContain("Only agpm approvers may approve runs");

    const e = env;
    const audit = await eventually(() => e.api.graph.store.audit.listAudit({ runId }), (events) => events.some((a) => a.result === "refused"));
    expect(audit).toEqual(expect.arrayContaining([
      expect.objectContaining({ actor: `slack:${MALLORY}`, action: "slack", result: "refused", detail: `approve ${runId}: not an approver (SLACK_APPROVERS)` }),
    ]));
    expect(audit.some((a) => a.action === "approval")).toBe(false);
    expect((await env.api.graph.store.runs.getRun(runId))?.status).toBe("awaiting-approval");
    expect(env.stub.callsTo("chat.update")).toEqual([]);
    expect(await env.api.producer.queue.getJobCounts("waiting", "active", "delayed")).toEqual({ waiting: 0, active: 0, delayed: 0 });
  });
});

describe("when approvers are a Slack user group", () => {
  it("asks Slack who is in the group; a member's Reject closes the run with nothing changed", async () => {
    env = await createSlackEnv({ authors: [ALICE], approvers: ["S0SECLEADS"] });
    env.stub.groups.set("S0SECLEADS", [BOB]);
    const { runId, ts } = await pausedRun(env);

    await env.click(BOB, REJECT_ACTION, runId, ts);
    const done = await env.stub.waitFor("chat.update", () => true, 2);
    expect(env.stub.callsTo("usergroups.users.list")[0]?.body).toMatchObject({ usergroup: "S0SECLEADS" });
    expect(textOf(done)).toContain(`Rejected by <@${BOB}> — nothing was changed.`);
    expect(buttonsOf(done)).toEqual([]);
    const run = await env.api.graph.store.runs.getRun(runId);
    expect(run?.status).toBe("rejected");
    expect((run?.result as unknown as RunReport).actions).toEqual([]);
    expect((await env.api.graph.store.audit.listAudit({ runId })).find((a) => a.action === "approval")).toMatchObject({ actor: `slack:${BOB}`, result: "rejected" });

    // Someone outside the group is refused.
    await env.click(ALICE, APPROVE_ACTION, runId, ts);
    expect((await env.stub.waitFor("chat.postEphemeral")).body).toMatchObject({ user: ALICE });
  });

  it("a second click after the decision is told the run is no longer waiting", async () => {
    env = await createSlackEnv({ authors: [ALICE], approvers: [BOB] });
    const { runId, ts } = await pausedRun(env);
    await env.click(BOB, REJECT_ACTION, runId, ts);
    await env.stub.waitFor("chat.update", () => true, 2);
    await env.click(BOB, APPROVE_ACTION, runId, ts);
    const told = await env.stub.waitFor("chat.postEphemeral");
    expect(String(told.body.text)).toContain(`is rejected, not waiting for approval; nothing was done`);
    expect((await env.api.graph.store.runs.getRun(runId))?.status).toBe("rejected");
  });

  it("an Approve on a run whose policy moved on is refused with why, and nothing is queued", async () => {
    env = await createSlackEnv({ authors: [ALICE], approvers: [BOB] });
    const { runId, ts } = await pausedRun(env);
    const { store } = env.api.graph;
    const run = await store.runs.getRun(runId);
    await store.policies.retire(run?.policyId ?? "");
    await env.click(BOB, APPROVE_ACTION, runId, ts);
    const told = await env.stub.waitFor("chat.postEphemeral");
    expect(String(told.body.text)).toContain(`run ${runId} is stale: policy ${run?.policyId} was retired after this run paused`);
    expect((await store.runs.getRun(runId))?.status).toBe("stale");
    const approvals = (await store.audit.listAudit({ runId })).filter((e) => e.action === "approval");
    expect(approvals).toEqual([expect.objectContaining({ result: "stale", actor: "agpm" })]);
    expect(await env.api.producer.queue.getJobCounts()).toMatchObject({ waiting: 0, active: 0, completed: 1 });
  });
});
