// Requests not signed by Slack — forged, stale, from the future, replayed, unsigned — are refused
// with 401 before Bolt sees them, and each refusal is in the audit log; signed ones need no API token.
import { afterEach, describe, expect, it } from "vitest";
import { signSlackRequest, verifySlackSignature } from "../../slack/index.js";
import { eventually } from "../api/api-env.js";
import { commandBody, createSlackEnv, SIGNING_SECRET, type SlackEnv } from "./slack-env.js";

let env: SlackEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const USER = "U0ALICE";

async function refusals(e: SlackEnv) {
  return (await e.api.graph.store.audit.listAudit({})).filter((a) => a.action === "slack" && a.result === "refused");
}

describe("when a request is not signed by Slack", () => {
  it("refuses a forged signature with 401, audits it, and runs nothing", async () => {
    env = await createSlackEnv();
    const body = commandBody(USER, "Ensure all S3 buckets are private and encrypted", env.stub.responseUrl("x"));
    const now = Math.floor(Date.now() / 1000);
    const forged = await env.post("/slack/commands", body, { timestamp: now, signature: signSlackRequest("not-the-secret", now, body) });
    expect(forged.status).toBe(401);
    expect(forged.json()).toMatchObject({ error: { code: "UNAUTHORIZED" } });

    // A genuine signature over another body does not carry over to this one.
    const tampered = await env.post("/slack/commands", body.replace("Ensure", "Disable"), { timestamp: now, signature: signSlackRequest(SIGNING_SECRET, now, body) });
    expect(tampered.status).toBe(401);

    const e = env;
    const refused = await eventually(() => refusals(e), (r) => r.length === 2);
    expect(refused.every((r) => r.actor === "anonymous" && /POST \/slack\/commands: forged/.test(r.detail ?? ""))).toBe(true);
    expect(await env.api.graph.store.runs.listRuns({})).toEqual([]);
    expect(await env.api.producer.queue.count()).toBe(0);
    expect(env.stub.calls).toEqual([]);
  });

  it("refuses a correctly signed request whose timestamp is 6 minutes old, or 6 minutes ahead", async () => {
    env = await createSlackEnv();
    const now = Math.floor(Date.now() / 1000);
    const stale = await env.command(USER, "help", { timestamp: now - 6 * 60 });
    const future = await env.command(USER, "help", { timestamp: now + 6 * 60 });
    expect(stale.status).toBe(401);
    expect(future.status).toBe(401);
    const e = env;
    const refused = await eventually(() => refusals(e), (r) => r.length === 2);
    expect(refused.map((r) => /: (stale|future) /.exec(r.detail ?? "")?.[1]).sort()).toEqual(["future", "stale"]);
  });

  it("answers a signed request once; the same request sent again is a replay and is refused", async () => {
    env = await createSlackEnv();
    const now = Math.floor(Date.now() / 1000);
    const body = commandBody(USER, "help", env.stub.responseUrl("help"));
    const first = await env.post("/slack/commands", body, { timestamp: now });
    expect(first.status).toBe(200);
    expect(first.json()).toMatchObject({ response_type: "ephemeral" });
    const replayed = await env.post("/slack/commands", body, { timestamp: now });
    expect(replayed.status).toBe(401);
    const e = env;
    const refused = await eventually(() => refusals(e), (r) => r.length === 1);
    expect(refused[0]?.detail).toMatch(/: replayed /);
  });

  it("refuses a request without signature headers, and one that is not form-encoded", async () => {
    env = await createSlackEnv();
    const unsigned = await fetch(`${env.base}/slack/commands`, {
      method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: commandBody(USER, "help", "http://127.0.0.1:9/x"),
    });
    expect(unsigned.status).toBe(401);
    const json = await env.post("/slack/commands", JSON.stringify({ command: "/agpm", text: "help" }), { contentType: "application/json" });
    expect(json.status).toBe(400);
    expect(json.json()).toMatchObject({ error: { code: "INPUT_INVALID" } });
    const e = env;
    expect((await eventually(() => refusals(e), (r) => r.length === 1))[0]?.detail).toMatch(/: unsigned /);
  });
});

describe("when the Slack area is mounted", () => {
  it("takes Slack's signature instead of an API token on /slack/*, while the rest of the API keeps JSON bodies and tokens", async () => {
    env = await createSlackEnv();
    // Signed, no Authorization header: answered (an ssl_check only wants a 200).
    expect((await env.post("/slack/commands", "ssl_check=1&token=x")).status).toBe(200);
    expect((await env.command(USER, "help")).status).toBe(200);
    expect((await env.api.request(null, "POST", "/v1/intents", { intent: "Ensure all S3 buckets are private and encrypted" })).status).toBe(401);
    const submitted = await env.api.request("author", "POST", "/v1/intents", { intent: "Ensure all S3 buckets are private and encrypted" });
    expect(submitted.status).toBe(202);
    const form = await fetch(`${env.base}/v1/intents`, {
      method: "POST", headers: { authorization: `Bearer ${env.api.tokens.author}`, "content-type": "application/x-www-form-urlencoded" }, body: "intent=x",
    });
    expect(form.status).toBe(415);
  });
});

describe("the signature check itself", () => {
  const body = "token=x&command=%2Fagpm&text=help";
  const at = 1_750_000_000;
  const check = (timestamp: number, nowSeconds: number, signature = signSlackRequest(SIGNING_SECRET, timestamp, body)) =>
    verifySlackSignature(SIGNING_SECRET, { timestamp: String(timestamp), signature, rawBody: body }, nowSeconds * 1000);

  it("accepts up to exactly 5 minutes of skew either way, and refuses one second more", () => {
    expect(check(at, at + 300).ok).toBe(true);
    expect(check(at, at - 300).ok).toBe(true);
    expect(check(at, at + 301)).toMatchObject({ ok: false, reason: "stale" });
    expect(check(at, at - 301)).toMatchObject({ ok: false, reason: "future" });
  });

  it("refuses a signature of another version, length or secret", () => {
    const good = signSlackRequest(SIGNING_SECRET, at, body);
    expect(check(at, at, good.replace(/^v0=/, "v1="))).toMatchObject({ ok: false, reason: "forged" });
    expect(check(at, at, good.slice(0, -2))).toMatchObject({ ok: false, reason: "forged" });
    expect(check(at, at, signSlackRequest("another-secret", at, body))).toMatchObject({ ok: false, reason: "forged" });
    expect(verifySlackSignature(SIGNING_SECRET, { timestamp: "soon", signature: good, rawBody: body }, at * 1000)).toMatchObject({ ok: false, reason: "unsigned" });
  });
});
