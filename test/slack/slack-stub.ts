// A loopback stand-in for the Slack Web API (and for response_url hooks): records every call —
// method, token, body (form fields with JSON values decoded, or JSON) — and answers like Slack.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface SlackCall {
  /** Web API method (`chat.postMessage`), or `response_url` for a hook. */
  method: string;
  token: string | null;
  body: Record<string, unknown>;
  /** What the stand-in answered (a posted message's `ts`, for instance). */
  answer: Record<string, unknown>;
}

export interface SlackStub {
  /** The Web API base URL to configure (`SLACK_API_URL`). */
  apiUrl: string;
  /** A response_url pointing here. */
  responseUrl(id: string): string;
  calls: SlackCall[];
  /** Members `usergroups.users.list` answers for a group. */
  groups: Map<string, string[]>;
  /** The calls of one method so far. */
  callsTo(method: string): SlackCall[];
  /** Waits for the `nth` (1-based) call of a method that matches. */
  waitFor(method: string, match?: (call: SlackCall) => boolean, nth?: number, timeoutMs?: number): Promise<SlackCall>;
  close(): Promise<void>;
}

function decode(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.startsWith("application/json")) return JSON.parse(raw || "{}") as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    // The Web API client sends arrays and objects (blocks) as JSON text inside form fields.
    try {
      out[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
    } catch {
      out[key] = value;
    }
  }
  return out;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startSlackStub(): Promise<SlackStub> {
  const calls: SlackCall[] = [];
  const groups = new Map<string, string[]>();
  let ts = 1_700_000_000;

  function answer(method: string, body: Record<string, unknown>): Record<string, unknown> {
    if (method === "usergroups.users.list") return { ok: true, users: groups.get(String(body.usergroup)) ?? [] };
    if (method === "chat.postMessage") return { ok: true, channel: body.channel, ts: `${ts++}.000100` };
    if (method === "chat.update") return { ok: true, channel: body.channel, ts: body.ts };
    return { ok: true, ts: `${ts++}.000200` };
  }

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    void (async () => {
      const raw = await readBody(request);
      const path = (request.url ?? "/").split("?")[0] ?? "/";
      const method = path.startsWith("/api/") ? path.slice("/api/".length) : "response_url";
      const auth = request.headers.authorization;
      const body = decode(raw, request.headers["content-type"] ?? "");
      const reply = method === "response_url" ? { ok: true } : answer(method, body);
      calls.push({ method, token: typeof auth === "string" ? auth.replace(/^Bearer /, "") : null, body, answer: reply });
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify(reply));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  const callsTo = (method: string) => calls.filter((c) => c.method === method);
  return {
    apiUrl: `${base}/api/`,
    responseUrl: (id) => `${base}/hooks/${id}`,
    calls,
    groups,
    callsTo,
    async waitFor(method, match = () => true, nth = 1, timeoutMs = 30_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = callsTo(method).filter(match);
        if (found.length >= nth) return found[nth - 1] as SlackCall;
        if (Date.now() > until) throw new Error(`no ${nth}th ${method} call within ${timeoutMs} ms; calls so far: ${calls.map((c) => c.method).join(", ") || "none"}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
