// Signing in (paste an API token; it goes into an HttpOnly, SameSite=Strict cookie) and out.
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { callerOf } from "../../api/auth.js";
import type { DashboardContext } from "../context.js";
import { safeNext } from "../context.js";
import { addPage, addPublicPage } from "../route.js";
import { endSession, startSession } from "../session.js";
import { loginPage } from "../views/forms.js";

export async function sessionRoutes(app: FastifyInstance, ctx: DashboardContext): Promise<void> {
  addPublicPage(app, ctx.audit, {
    method: "GET",
    url: "/login",
    query: z.object({ next: z.string().max(1000).optional(), ended: z.string().optional() }),
    handler: async ({ query, session }) => loginPage({
      next: safeNext(query.next),
      error: query.ended !== undefined ? "Your session ended (the token was revoked or is unknown). Sign in again." : null,
      session,
    }),
  });

  addPublicPage(app, ctx.audit, {
    method: "POST",
    url: "/login",
    body: z.object({ token: z.string().trim().max(200).default(""), next: z.string().max(1000).optional() }),
    handler: async ({ body, session, request, reply }) => {
      const next = safeNext(body.next);
      const token = body.token ? await ctx.deps.store.tokens.authenticate(body.token) : null;
      if (!token) {
        reply.code(401);
        return loginPage({ next, error: "That token is not valid (unknown, revoked or mistyped).", session });
      }
      // The audit line for this request names who signed in.
      request.caller = callerOf(token);
      startSession(reply, ctx.cookie, body.token);
      return { redirect: next };
    },
  });

  addPage(app, ctx.audit, {
    method: "POST",
    url: "/logout",
    role: "viewer",
    handler: async ({ reply }) => {
      endSession(reply, ctx.cookie);
      return { redirect: "/login" };
    },
  });
}
