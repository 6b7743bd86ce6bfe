// `/agpm <intent>` end to end on a real worker: acknowledged at once with "Working on it…", then the
// result posted to the channel as Block Kit; and `/agpm help | status | policies` answered in place.
import { afterEach, describe, expect, it } from "vitest";
import type { RunReport } from "../../agents/reporter/report.js";
import { APPROVE_ACTION, REJECT_ACTION } from "../../slack/index.js";
import { eventually } from "../api/api-env.js";
import { BOT_TOKEN, CHANNEL, createSlackEnv, type SlackEnv } from "./slack-env.js";
import { blocksOf, buttonsOf, textOf } from "./blocks.js";

let env: SlackEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const ALICE = "U0ALICE";
const S3 = "Ensure all S3 buckets are private and encrypted";

interface Ack {
  response_type: string;
  text: string;
  blocks?: unknown[];
}

describe("when someone states an intent with /agpm", () => {
  it("acknowledges within 3 seconds without waiting for the run, then posts the policy, the counts, the changes and the buttons", async () => {
    env = await createSlackEnv({ authors: [ALICE], approvers: ["U0BOB"] });
    const started = Date.now();
    const acked = await env.command(ALICE, S3);
    const elapsed = Date.now() - started;
    expect(acked.status).toBe(200);
    expect(elapsed).toBeLessThan(3_000);
    expect(acked.json<Ack>()).toMatchObject({ response_type: "ephemeral", text: "Working on it…" });
    // No worker runs yet: the acknowledgement cannot have waited for the run.
    expect(env.stub.callsTo("chat.postMessage")).toEqual([]);

    env.api.startWorker();
    const posted = await env.stub.waitFor("chat.postMessage");
    expect(posted.token).toBe(BOT_TOKEN);
    expect(posted.body.channel).toBe(CHANNEL);

    const [run] = await env.api.graph.store.runs.listRuns({});
    expect(run).toMatchObject({ actor: `slack:${ALICE}`, status: "awaiting-approval", kind: "run", options: { source: "slack", apply: true, maxChanges: 0 } });
    const report = run?.result as unknown as RunReport;
    const text = textOf(posted);
    expect(text).toContain(report.policy?.explanation.slice(0, 60));
    expect(text).toContain(`run \`${run?.id}\``);
    expect(text).toContain(`<@${ALICE}>`);
    for (const [label, count] of [["Resources", report.summary.resources], ["Passing", report.summary.passed], ["Failing", report.summary.failed]] as const) {
      expect(text).toContain(`*${label}*\n${count}`);
    }
    // Every failing bucket with its fix, before the fix is made.
    const failing = [...new Set(report.findings.filter((f) => f.ruleId === "s3.bucket-encrypted" && f.status === "fail").map((f) => f.resourceId))];
    expect(failing.length).toBeGreaterThan(0);
    for (const bucket of failing) expect(text).toContain(`\`${bucket}\` (us-east-1) — \`s3.enable-default-encryption\``);
    expect(text).toContain("*Needs approval:*");
    expect(buttonsOf(posted)).toEqual([
      { action_id: APPROVE_ACTION, value: run?.id, style: "primary" },
      { action_id: REJECT_ACTION, value: run?.id, style: "danger" },
    ]);
  });

  it("posts a check-only result without buttons, and an untranslatable intent as a failure with its reason", async () => {
    env = await createSlackEnv({ authors: [ALICE], approvers: ["U0BOB"] });
    env.api.startWorker();
    expect((await env.command(ALICE, "Validate EC2 instances have autoscaling enabled")).status).toBe(200);
    const checked = await env.stub.waitFor("chat.postMessage");
    expect(textOf(checked)).toContain(":white_check_mark: completed");
    expect(buttonsOf(checked)).toEqual([]);

    expect((await env.command(ALICE, "Make the office coffee taste better on Mondays")).status).toBe(200);
    const refused = await env.stub.waitFor("chat.postMessage", () => true, 2);
    expect(textOf(refused)).toContain("INTENT_UNTRANSLATABLE");
    expect(buttonsOf(refused)).toEqual([]);
  });

  it("does not escape into mentions: an intent naming @channel is quoted, not broadcast", async () => {
    env = await createSlackEnv({ authors: [ALICE] });
    env.api.startWorker();
    await env.command(ALICE, "<!channel> Ensure all S3 buckets are private and encrypted");
    const posted = await env.stub.waitFor("chat.postMessage");
    expect(textOf(posted)).not.toContain("<!channel>");
    expect(textOf(posted)).toContain("&lt;!channel&gt;");
  });
});

describe("when the server closes while a result is awaited", () => {
  it("tells the channel the run is still going instead of holding the server for the whole run", async () => {
    env = await createSlackEnv({ authors: [ALICE], closeGraceMs: 15_000 });
    expect((await env.command(ALICE, S3)).status).toBe(200);
    // No worker: the run cannot finish; closing ends the wait at the next slice.
    expect(env.stub.callsTo("chat.postMessage")).toEqual([]);
    await env.api.server.close();
    const [posted] = env.stub.callsTo("chat.postMessage");
    expect(posted && textOf(posted)).toMatch(/Run `run_[0-9a-z]+` is still going \(waiting\)/);
    // The job is still queued for a worker to run.
    expect(await env.api.producer.queue.getJobCounts("waiting")).toEqual({ waiting: 1 });
  });
});

describe("when someone asks /agpm help, status or policies", () => {
  it("answers in the acknowledgement, only to whoever asked, from the store", async () => {
    env = await createSlackEnv({ authors: [ALICE], approvers: ["U0BOB", "S0SECLEADS"] });
    const help = (await env.command(ALICE, "help")).json<Ack>();
    expect(help.response_type).toBe("ephemeral");
    const helpText = JSON.stringify(help.blocks);
    for (const word of ["/agpm status", "/agpm policies", "/agpm help", "<@U0BOB>", "<!subteam^S0SECLEADS>"]) expect(helpText).toContain(word);

    const emptyStatus = (await env.command(ALICE, "status")).json<Ack>();
    expect(JSON.stringify(emptyStatus.blocks)).toContain("No runs yet.");
    const noPolicies = (await env.command(ALICE, "policies")).json<Ack>();
    expect(noPolicies.text).toBe("agpm: no policies yet");

    env.api.startWorker();
    await env.command(ALICE, S3);
    await env.stub.waitFor("chat.postMessage");
    const [run] = await env.api.graph.store.runs.listRuns({});
    const e = env;
    const status = await eventually(async () => (await e.command(ALICE, "status")).json<Ack>(), (a) => JSON.stringify(a.blocks).includes("Waiting for approval"));
    expect(status.response_type).toBe("ephemeral");
    expect(status.text).toBe("agpm: 1 run waiting for approval, 1 recent");
    expect(JSON.stringify(status.blocks)).toContain(`\`${run?.id}\` *awaiting-approval*`);

    const policies = (await env.command(ALICE, "policies")).json<Ack>();
    expect(policies.text).toBe("agpm: 1 policy (1 active)");
    expect(JSON.stringify(policies.blocks)).toContain(`\`${run?.policyId}\` v1`);
    // Quick answers never touch the Web API; only the intent's result did.
    expect(env.stub.calls.map((c) => c.method)).toEqual(["chat.postMessage"]);
  });
});
