// A real OpenAI-compatible endpoint on 127.0.0.1 for the LLM translator's failure paths: it
// answers chat completions with a given text, with HTTP 500, or never (to exercise timeouts).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type LlmBehaviour = { reply: string } | { status: number } | { hang: true };

export interface LlmServer {
  baseUrl: string;
  /** Chat completion requests received so far. */
  requests: number;
  close(): Promise<void>;
}

function completion(content: string): string {
  return JSON.stringify({
    id: "chatcmpl-test", object: "chat.completion", created: 0, model: "test-model",
    choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  });
}

export async function startLlmServer(behaviour: LlmBehaviour): Promise<LlmServer> {
  const state = { requests: 0 };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on("end", () => {
      if (!req.url?.endsWith("/chat/completions")) return void res.writeHead(404).end();
      state.requests++;
      if ("hang" in behaviour) return;
      if ("status" in behaviour) return void res.writeHead(behaviour.status, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "upstream exploded", type: "server_error" } }));
      res.writeHead(200, { "content-type": "application/json" }).end(completion(behaviour.reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    get requests() {
      return state.requests;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
