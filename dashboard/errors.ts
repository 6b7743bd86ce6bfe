// Errors on dashboard pages: browsers get an HTML page (or the login form when not signed in);
// other clients are handed to the API's JSON error handler, so no stack or internal detail leaks.
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { publicMessage, statusForCode, type FieldIssue } from "../api/errors.js";
import { AgpmError, isAgpmError } from "../core/errors.js";
import { href } from "./html.js";
import { sendPage } from "./route.js";
import { readSessionCookie } from "./session.js";
import { errorPage } from "./views/layout.js";

const TITLES: Record<number, string> = {
  400: "Bad request", 401: "Sign in needed", 403: "Not allowed", 404: "Not found", 409: "Conflict", 413: "Too large",
  415: "Unsupported form", 422: "Cannot do that", 429: "Slow down", 502: "Upstream failure", 503: "Unavailable",
};

export function acceptsHtml(request: FastifyRequest): boolean {
  return String(request.headers.accept ?? "").includes("text/html");
}

function classify(error: unknown): { status: number; error: AgpmError } | null {
  if (isAgpmError(error)) return { status: statusForCode(error.code), error };
  const framework = error as Partial<FastifyError>;
  if (framework.code === "FST_CSRF_INVALID_TOKEN" || framework.code === "FST_CSRF_MISSING_SECRET") {
    return { status: 403, error: new AgpmError("FORBIDDEN", "the form is stale or came from another site (CSRF token missing or wrong); reload the page and try again") };
  }
  if (framework.code === "FST_ERR_CTP_BODY_TOO_LARGE") return { status: 413, error: new AgpmError("INPUT_INVALID", "the form is too large") };
  if (framework.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") return { status: 415, error: new AgpmError("INPUT_INVALID", "send the form as application/x-www-form-urlencoded") };
  const status = framework.statusCode ?? 500;
  if (status >= 400 && status < 500) return { status, error: new AgpmError("INPUT_INVALID", framework.message ?? "bad request") };
  return null;
}

/** The dashboard's error handler; it throws what it does not render so the parent (JSON) handler answers. */
export function handleDashboardError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (!acceptsHtml(request)) throw error;
  const mapped = classify(error);
  if (!mapped) {
    request.log.error({ err: error }, "dashboard: unhandled error");
    return sendPage(reply.code(500), errorPage({ status: 500, title: "Internal error", message: "Something went wrong on the server. Quote the request id when reporting it.", requestId: request.id, session: request.dashboardSession }));
  }
  if (mapped.status >= 500) request.log.error({ err: error, code: mapped.error.code }, "dashboard: request failed");
  if (mapped.error.code === "UNAUTHORIZED" && request.method === "GET") {
    // A cookie that no longer signs in means the token was revoked: say so on the login page.
    const ended = readSessionCookie(request) ? "1" : undefined;
    return reply.code(303).header("location", href("/login", [], { next: request.url, ended })).send();
  }
  const status = mapped.status;
  return sendPage(reply.code(status), errorPage({
    status,
    title: TITLES[status] ?? "Error",
    message: publicMessage(mapped.error.code, mapped.error.message),
    requestId: request.id,
    session: request.dashboardSession,
    ...(Array.isArray(mapped.error.details.issues) ? { issues: mapped.error.details.issues as FieldIssue[] } : {}),
  }));
}
