// SLACK_AUTHORS: only authors (users, or members of user groups) may state intents that store a
// policy or change resources from Slack; anyone else is refused privately, audited, and nothing is
// queued — but may still `check` an intent, which stores and changes nothing.
import { afterEach, describe, expect, it } from "vitest";
import { eventually } from "../api/api-env.js";
import { buttonsOf, textOf } from "./blocks.js";
import { createSlackEnv, type SlackEnv } from "./slack-env.js";

let env: SlackEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const ALICE = "U0ALICE";
const BOB = "U0BOB";
const MALLORY = "U0MALLORY";
const S3 = "Ensure all S3 buckets are private and encrypted";

interface Ack {
  response_type: string;
  text: string;
}

describe("when someone who is not an author states an intent", () => {
  it("refuses it privately, audits the refusal and queues nothing", async () => {
    env = await createSlackEnv({ authors: [ALICE], approvers: [BOB] });
    for (const intent of [S3, "Retire the EFS backup policy", "Exempt bucket www-assets from the public-access rule until 2027-03-31, reason: static site"]) {
      const acked = await env.command(MALLORY, intent);
      expect(acked.status).toBe(200);
      expect(acked.json<Ack>()).toMatchObject({ response_type: "ephemeral" });
      expect(acked.json<Ack>().text).toContain("Only agpm authors may state intents that create, update, exempt or retire policies");
      expect(acked.json<Ack>().text).toContain("/agpm check <intent>");
    }
    expect(await env.api.producer.queue.getJobCounts("waiting", "active", "delayed")).toEqual({ waiting: 0, active: 0, delayed: 0 });
    const e = env;
    const refused = await eventually(
      async () => (await e.api.graph.store.audit.listAudit({})).filter((a) => a.action === "slack" && a.result === "refused"),
      (events) => events.length === 3,
    );
    expect(refused[0]).toMatchObject({ actor: `slack:${MALLORY}` });
    expect(refused.map((a) => a.detail)).toContain(`intent "${S3}": not an author (SLACK_AUTHORS)`);
    // An approver is not an author unless listed: the two rights are separate once SLACK_AUTHORS is set.
    expect((await env.command(BOB, S3)).json<Ack>().text).toContain("Only agpm authors");
  });

  it("lets them check the intent: the result is posted, no policy is stored and nothing can be approved", async () => {
    env = await createSlackEnv({ authors: [ALICE], approvers: [BOB] });
    env.api.startWorker();
    const acked = await env.command(MALLORY, `check ${S3}`);
    expect(acked.json<Ack>()).toMatchObject({ response_type: "ephemeral", text: "Working on it…" });
    const posted = await env.stub.waitFor("chat.postMessage");
    expect(buttonsOf(posted)).toEqual([]);
    expect(textOf(posted)).toContain(`<@${MALLORY}>`);
    const [run] = await env.api.graph.store.runs.listRuns({});
    expect(run).toMatchObject({ actor: `slack:${MALLORY}`, intent: S3, options: { source: "slack", apply: false } });
    expect(await env.api.graph.store.policies.listPolicies()).toEqual([]);
    // `check` alone asks for the intent instead of translating the word "check".
    expect((await env.command(MALLORY, "check")).json<Ack>().text).toContain("Say what to check: `/agpm check <intent>`");
  });
});

describe("when authors are a Slack user group", () => {
  it("lets its members state intents and refuses everyone else", async () => {
    env = await createSlackEnv({ authors: ["S0PLATFORM"], approvers: [BOB] });
    env.stub.groups.set("S0PLATFORM", [ALICE]);
    expect((await env.command(ALICE, S3)).json<Ack>().text).toBe("Working on it…");
    expect(env.stub.callsTo("usergroups.users.list")[0]?.body).toMatchObject({ usergroup: "S0PLATFORM" });
    expect((await env.command(MALLORY, S3)).json<Ack>().text).toContain("Only agpm authors");
    const help = JSON.stringify((await env.command(MALLORY, "help")).json<{ blocks: unknown[] }>().blocks);
    expect(help).toContain("<!subteam^S0PLATFORM>");
    expect(help).toContain("/agpm check <intent>");
  });
});
