// The dashboard as an API area: server-rendered pages, their sign-in, the stylesheet, Bull Board,
// and an HTML "not found" for browsers — registered on the API server like any other area.
import type { Queue } from "bullmq";
import type { FastifyInstance } from "fastify";
import type { ApiDeps } from "../api/deps.js";
import type { ApiArea } from "../api/server.js";
import { AgpmError } from "../core/errors.js";
import { STYLE_CSS, STYLE_ROUTE } from "./assets.js";
import type { DashboardContext } from "./context.js";
import { acceptsHtml, handleDashboardError } from "./errors.js";
import { queueBoard } from "./queues.js";
import { sendPage } from "./route.js";
import { auditRoutes } from "./routes/audit.js";
import { intentRoutes } from "./routes/intents.js";
import { policyRoutes } from "./routes/policies.js";
import { postureRoutes } from "./routes/posture.js";
import { runRoutes } from "./routes/runs.js";
import { sessionRoutes } from "./routes/session.js";
import { crossSite, endSession, registerSessionPlugins, resolveSession } from "./session.js";
import { errorPage } from "./views/layout.js";

export interface DashboardOptions {
  /** Queues Bull Board shows besides the intents queue (the sweeps queue, say). */
  queues?: readonly Queue[];
  /** Bull Board without retries, removals or cleaning. Default false. */
  queuesReadOnly?: boolean;
  /** How long a sign-in lasts in the browser. Default 12 hours. */
  sessionMaxAgeSeconds?: number;
  /** Mark the session cookie Secure: always, never, or "auto" (when the request came over https; the default). */
  secureCookies?: boolean | "auto";
  /** Audit every page view too (forms are always audited; refused requests always). Default false. */
  auditPageViews?: boolean;
  /** The clock charts are drawn against. Default: the system clock. */
  now?: () => Date;
}

export const DEFAULT_SESSION_MAX_AGE_SECONDS = 12 * 3600;

const PAGE_HEADERS: Record<string, string> = {
  // No script at all: pages are plain HTML, forms and inline SVG.
  "content-security-policy": "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "same-origin",
};

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function parseForm(body: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(body));
}

/** Pages, forms, the stylesheet and the not-found page, with the headers every page carries. */
async function pages(app: FastifyInstance, ctx: DashboardContext): Promise<void> {
  app.addHook("onSend", async (_request, reply, payload) => {
    if (String(reply.getHeader("content-type") ?? "").startsWith("text/html")) {
      for (const [name, value] of Object.entries(PAGE_HEADERS)) reply.header(name, value);
      reply.header("cache-control", "no-store");
    }
    return payload;
  });
  app.route({
    method: "GET",
    url: STYLE_ROUTE,
    config: { access: "public", audit: "never" },
    handler: async (_request, reply) =>
      reply.type("text/css; charset=utf-8").header("cache-control", "public, max-age=31536000, immutable").header("x-content-type-options", "nosniff").send(STYLE_CSS),
  });
  for (const routes of [sessionRoutes, postureRoutes, runRoutes, policyRoutes, auditRoutes, intentRoutes]) await routes(app, ctx);
  // Browsers asking for a page that does not exist get a page; API clients still get the API's JSON 404.
  app.route({
    method: "GET",
    url: "/*",
    config: { access: "public", audit: "never" },
    handler: async (request, reply) => {
      const path = request.url.split("?")[0] ?? "";
      if (!acceptsHtml(request)) throw new AgpmError("NOT_FOUND", `no route GET ${path}`);
      return sendPage(reply.code(404), errorPage({ status: 404, title: "Not found", message: `There is no page at ${path}.`, requestId: request.id, session: request.dashboardSession }));
    },
  });
}

/**
 * The dashboard area for `buildServer(deps, { areas: [createDashboardArea()] })`.
 * @example
 * const server = await buildServer(deps, { areas: [createDashboardArea({ queues: [sweeps.queue] })] });
 */
export function createDashboardArea(options: DashboardOptions = {}): ApiArea {
  return async function dashboard(app: FastifyInstance, { deps }: { deps: ApiDeps }): Promise<void> {
    const ctx: DashboardContext = {
      deps,
      audit: { pageViews: options.auditPageViews ?? false },
      cookie: { maxAgeSeconds: options.sessionMaxAgeSeconds ?? DEFAULT_SESSION_MAX_AGE_SECONDS, secure: options.secureCookies ?? "auto" },
      now: options.now ?? (() => new Date()),
    };
    app.decorateRequest("dashboardSession", null);
    await registerSessionPlugins(app, ctx.cookie);
    app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_request, body, done) => done(null, parseForm(String(body))));
    app.setErrorHandler(handleDashboardError);
    app.addHook("onRequest", async (request, reply) => {
      // Refused here rather than thrown: Bull Board's own error handler would answer a thrown error with a 500.
      if (UNSAFE.has(request.method) && crossSite(request)) {
        return sendPage(reply.code(403), errorPage({ status: 403, title: "Not allowed", message: "Requests from other sites are refused.", requestId: request.id, session: null }));
      }
      const { session, staleCookie } = await resolveSession(request, reply, deps.store);
      request.dashboardSession = session;
      // The API's audit and rate-limit hooks read the caller.
      if (session) request.caller = session.caller;
      if (staleCookie) endSession(reply, ctx.cookie);
      return undefined;
    });
    await app.register(async (child) => pages(child, ctx));
    await app.register(async (child) => queueBoard(child, { queues: [deps.intents, ...(options.queues ?? [])], readOnly: options.queuesReadOnly ?? false }));
  };
}
