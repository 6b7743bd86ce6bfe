// Bull Board at /admin/queues for operators (approvers only): the intents queue and any others
// given, with its UI's one external request (a web font) removed so it works offline.
import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { FastifyAdapter } from "@bull-board/fastify";
import type { Queue } from "bullmq";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { roleAllows } from "../api/auth.js";
import { href } from "./html.js";

export const BOARD_PATH = "/admin/queues";

export interface BoardOptions {
  queues: readonly Queue[];
  /** No retries, removals or cleaning from the UI. */
  readOnly: boolean;
}

const EXTERNAL_FONT = /<link[^>]*fonts\.googleapis\.com[^>]*>/g;
const BOARD_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

function wantsPage(request: FastifyRequest): boolean {
  return request.method === "GET" && String(request.headers.accept ?? "").includes("text/html");
}

/** Refuses in the hook itself: the board's own error handler would turn a thrown error into a 500. */
function refuse(request: FastifyRequest, reply: FastifyReply, status: 401 | 403, message: string): FastifyReply {
  if (status === 401 && wantsPage(request)) return reply.code(303).header("location", href("/login", [], { next: request.url })).send();
  return reply.code(status).type("application/json; charset=utf-8").send({ error: { code: status === 401 ? "UNAUTHORIZED" : "FORBIDDEN", message, requestId: request.id } });
}

export async function queueBoard(app: FastifyInstance, options: BoardOptions): Promise<void> {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(BOARD_PATH);
  createBullBoard({
    queues: options.queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: options.readOnly, allowRetries: !options.readOnly })),
    serverAdapter,
    options: { uiConfig: { boardTitle: "agpm queues", hideDocsLink: true, miscLinks: [{ text: "agpm dashboard", url: "/" }] } },
  });

  await app.register(async (board) => {
    // The board declares its own routes; mark them so the API's bearer hook leaves them to us and the audit log keeps operators' changes.
    board.addHook("onRoute", (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      const reads = methods.every((m) => m === "GET" || m === "HEAD");
      route.config = { ...(route.config ?? {}), access: "public", audit: reads ? "errors" : "always" };
    });
    board.addHook("onRequest", async (request, reply) => {
      const session = request.dashboardSession;
      if (!session) return refuse(request, reply, 401, "sign in to the dashboard with an approver token");
      if (!roleAllows(session.caller.role, "approver")) return refuse(request, reply, 403, `the queues are for approvers; ${session.caller.name} is ${session.caller.role}`);
      return undefined;
    });
    board.addHook("onSend", async (_request, reply, payload) => {
      if (typeof payload !== "string" || !String(reply.getHeader("content-type") ?? "").startsWith("text/html")) return payload;
      reply.header("content-security-policy", BOARD_CSP);
      reply.header("cache-control", "no-store");
      return payload.replace(EXTERNAL_FONT, "");
    });
    await board.register(serverAdapter.registerPlugin(), { prefix: BOARD_PATH });
  });
}
