// The one way dashboard pages and forms are declared: who may open them, zod checks of the
// path, query and form (400 page naming each bad field), CSRF on forms, and HTML or a redirect back.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import { roleAllows } from "../api/auth.js";
import { fieldPath, inputInvalid, type FieldIssue } from "../api/errors.js";
import { AgpmError } from "../core/errors.js";
import type { TokenRole } from "../store/index.js";
import { Html } from "./html.js";
import { CSRF_FIELD, type Session } from "./session.js";

declare module "fastify" {
  interface FastifyRequest {
    /** The dashboard's view of the caller (cookie or bearer); null when not signed in. */
    dashboardSession: Session | null;
  }
}

/** A 303 to another dashboard page (after a form, or to the login page). */
export interface Redirect {
  redirect: string;
}

/** A file to download (a CSV export), sent as an attachment. */
export interface Download {
  download: { filename: string; contentType: string; body: string };
}

export type PageResult = Html | Redirect | Download;

export interface PageInput<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, S> {
  params: z.output<P>;
  query: z.output<Q>;
  body: z.output<B>;
  session: S;
  request: FastifyRequest;
  reply: FastifyReply;
}

interface PageSpecBase<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  method: "GET" | "POST";
  url: string;
  params?: P;
  query?: Q;
  /** POST only: the form fields (the CSRF field is checked and removed before this sees them). */
  body?: B;
}

export interface PageSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> extends PageSpecBase<P, Q, B> {
  /** The least role that may open it; others are sent to /login (no session) or get 403. */
  role: TokenRole;
  handler(input: PageInput<P, Q, B, Session>): Promise<PageResult>;
}

export interface PublicPageSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> extends PageSpecBase<P, Q, B> {
  handler(input: PageInput<P, Q, B, Session | null>): Promise<PageResult>;
}

/** Page views are many (auto-refresh while a run works) and say little; forms always land in the audit log. */
export interface PageAuditPolicy {
  pageViews: boolean;
}

function parsePart<S extends z.ZodType>(schema: S | undefined, value: unknown, location: string, issues: FieldIssue[]): z.output<S> | undefined {
  if (!schema) return undefined;
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) issues.push({ path: fieldPath(location, issue.path), message: issue.message });
  return undefined;
}

export function sendPage(reply: FastifyReply, page: PageResult): FastifyReply {
  if (page instanceof Html) return reply.type("text/html; charset=utf-8").send(page.toString());
  if ("download" in page) {
    const { filename, contentType, body } = page.download;
    return reply.type(contentType).header("content-disposition", `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`).header("cache-control", "no-store").header("x-content-type-options", "nosniff").send(body);
  }
  return reply.code(303).header("location", page.redirect).send();
}

function register<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  app: FastifyInstance,
  spec: PageSpecBase<P, Q, B>,
  audit: PageAuditPolicy,
  guard: (request: FastifyRequest) => Session | null,
  run: (input: PageInput<P, Q, B, Session | null>) => Promise<PageResult>,
  csrf: boolean,
): void {
  app.route({
    method: spec.method,
    url: spec.url,
    // Forms posted with the session cookie carry its CSRF token (checked by @fastify/csrf-protection);
    // scripts with a bearer header cannot be made to post by another site, so they need none.
    ...(csrf && spec.method === "POST" ? {
      preHandler: (request: FastifyRequest, reply: FastifyReply, done: () => void) =>
        (request.dashboardSession?.source === "cookie" ? app.csrfProtection(request, reply, done) : done()),
    } : {}),
    // "public" to the API's bearer hook: the dashboard authenticates its own callers (cookie or bearer).
    config: { access: "public", audit: spec.method === "GET" && !audit.pageViews ? "errors" : "always" },
    handler: async (request, reply) => {
      const session = guard(request);
      const issues: FieldIssue[] = [];
      const form = (request.body ?? {}) as Record<string, unknown>;
      const { [CSRF_FIELD]: _csrf, ...fields } = form;
      const params = parsePart(spec.params, request.params, "params", issues);
      const query = parsePart(spec.query, request.query, "query", issues);
      const body = parsePart(spec.body, fields, "form", issues);
      if (issues.length > 0) throw inputInvalid(issues);
      return sendPage(reply, await run({ params, query, body, session, request, reply } as PageInput<P, Q, B, Session | null>));
    },
  });
}

/**
 * A page or form for signed-in callers of at least `role`. Forms posted with the session cookie
 * must carry the session's CSRF token (refused before the role is checked).
 * @example addPage(app, audit, { method: "GET", url: "/audit", role: "viewer", handler: async ({ session }) => auditPage(session) })
 */
export function addPage<P extends z.ZodType = z.ZodUndefined, Q extends z.ZodType = z.ZodUndefined, B extends z.ZodType = z.ZodUndefined>(
  app: FastifyInstance,
  audit: PageAuditPolicy,
  spec: PageSpec<P, Q, B>,
): void {
  const guard = (request: FastifyRequest): Session => {
    const session = request.dashboardSession;
    if (!session) throw new AgpmError("UNAUTHORIZED", "sign in with an API token to see this page");
    if (!roleAllows(session.caller.role, spec.role)) {
      throw new AgpmError("FORBIDDEN", `this needs a token with role ${spec.role} or above; ${session.caller.name} is ${session.caller.role}`);
    }
    return session;
  };
  register(app, spec, audit, guard, (input) => spec.handler(input as PageInput<P, Q, B, Session>), true);
}

/** A page anyone may open (the login form); the session is given when there is one. */
export function addPublicPage<P extends z.ZodType = z.ZodUndefined, Q extends z.ZodType = z.ZodUndefined, B extends z.ZodType = z.ZodUndefined>(
  app: FastifyInstance,
  audit: PageAuditPolicy,
  spec: PublicPageSpec<P, Q, B>,
): void {
  register(app, spec, audit, (request) => request.dashboardSession, spec.handler, false);
}
