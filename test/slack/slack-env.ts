// A real API server with the Slack area, listening on a free port, beside a Slack Web API
// stand-in; requests are signed like Slack signs them (or deliberately not).
import { createApiEnv, type ApiEnv } from "../api/api-env.js";
import { createSlackArea, signSlackRequest, type SlackSettings } from "../../slack/index.js";
import { startSlackStub, type SlackStub } from "./slack-stub.js";

export const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
export const BOT_TOKEN = "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy";
export const CHANNEL = "C0SECOPS";
export const TEAM = "T0ACME";

export interface SlackResponse {
  status: number;
  body: string;
  json<T = Record<string, unknown>>(): T;
}

export interface PostOptions {
  /** Unix seconds to sign with; default now. */
  timestamp?: number;
  /** Sent instead of the real signature. */
  signature?: string;
  contentType?: string;
}

export interface SlackEnv {
  api: ApiEnv;
  stub: SlackStub;
  /** http://127.0.0.1:<port> of the API server. */
  base: string;
  /** POSTs a raw body to a path, signed with the signing secret unless told otherwise. */
  post(path: string, rawBody: string, options?: PostOptions): Promise<SlackResponse>;
  /** `/agpm <text>` from a user in the security channel. */
  command(userId: string, text: string, options?: PostOptions): Promise<SlackResponse>;
  /** A click on a button of agpm's message `ts`. */
  click(userId: string, actionId: string, value: string, ts: string): Promise<SlackResponse>;
  close(): Promise<void>;
}

export function commandBody(userId: string, text: string, responseUrl: string): string {
  return new URLSearchParams({
    token: "gIkuvaNzQIHg97ATvDxqgjtO", team_id: TEAM, team_domain: "acme", channel_id: CHANNEL, channel_name: "secops",
    user_id: userId, user_name: userId.toLowerCase(), command: "/agpm", text, api_app_id: "A0AGPM", is_enterprise_install: "false",
    response_url: responseUrl, trigger_id: "13345224609.738474920.8088930838d88f008e0",
  }).toString();
}

export function clickBody(userId: string, actionId: string, value: string, ts: string, responseUrl: string): string {
  const payload = {
    type: "block_actions",
    user: { id: userId, username: userId.toLowerCase(), name: userId.toLowerCase(), team_id: TEAM },
    api_app_id: "A0AGPM", token: "gIkuvaNzQIHg97ATvDxqgjtO",
    container: { type: "message", message_ts: ts, channel_id: CHANNEL, is_ephemeral: false },
    trigger_id: "13345224609.738474920.8088930838d88f008e0",
    team: { id: TEAM, domain: "acme" }, enterprise: null, is_enterprise_install: false,
    channel: { id: CHANNEL, name: "secops" },
    message: { type: "message", ts, bot_id: "B0AGPM", text: "agpm", blocks: [] },
    response_url: responseUrl,
    actions: [{ action_id: actionId, block_id: "agpm_decision", text: { type: "plain_text", text: "Approve" }, value, type: "button", action_ts: `${Math.floor(Date.now() / 1000)}.000300` }],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export interface SlackEnvSettings extends Partial<Pick<SlackSettings, "approvers" | "authors" | "maxChanges">> {
  /** How long closing the server waits for Slack results still pending; default 1 s. */
  closeGraceMs?: number;
}

export async function createSlackEnv(settings: SlackEnvSettings = {}): Promise<SlackEnv> {
  const stub = await startSlackStub();
  const area = createSlackArea(
    { signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN, approvers: settings.approvers ?? [], authors: settings.authors ?? [], apiUrl: stub.apiUrl, maxChanges: settings.maxChanges ?? 0 },
    { resultTimeoutMs: 60_000, closeGraceMs: settings.closeGraceMs ?? 1_000 },
  );
  const api = await createApiEnv({ areas: [area] });
  const base = await api.server.listen({ port: 0, host: "127.0.0.1" });

  async function post(path: string, rawBody: string, options: PostOptions = {}): Promise<SlackResponse> {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const response = await fetch(`${base}${path}`, {
      method: "POST",
      headers: {
        "content-type": options.contentType ?? "application/x-www-form-urlencoded",
        "x-slack-request-timestamp": String(timestamp),
        "x-slack-signature": options.signature ?? signSlackRequest(SIGNING_SECRET, timestamp, rawBody),
      },
      body: rawBody,
    });
    const body = await response.text();
    return { status: response.status, body, json: <T>() => JSON.parse(body) as T };
  }

  let hooks = 0;
  return {
    api, stub, base, post,
    command: (userId, text, options) => post("/slack/commands", commandBody(userId, text, stub.responseUrl(`command-${++hooks}`)), options),
    click: (userId, actionId, value, ts) => post("/slack/actions", clickBody(userId, actionId, value, ts, stub.responseUrl(`action-${++hooks}`))),
    async close() {
      await api.close();
      await stub.close();
    },
  };
}
