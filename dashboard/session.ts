// Browser sessions for the dashboard: the API token pasted at /login is kept in an HttpOnly,
// SameSite=Strict cookie (set and read by @fastify/cookie) and checked against the store on every
// request, so revoking the token ends the session at once. POST forms carry a CSRF token from
// @fastify/csrf-protection, bound to the session; cross-site requests are refused before that.
import { createHash } from "node:crypto";
import fastifyCookie from "@fastify/cookie";
import fastifyCsrf from "@fastify/csrf-protection";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { bearerSecret, callerOf, type Caller } from "../api/auth.js";
import type { Store } from "../store/index.js";

export const SESSION_COOKIE = "agpm_session";
/** The CSRF secret's cookie (HttpOnly); a new one is made at each sign-in. */
export const CSRF_COOKIE = "agpm_csrf";
export const CSRF_FIELD = "_csrf";

/** How the request proved who it is: the session cookie (forms need a CSRF token) or a bearer header. */
export type SessionSource = "cookie" | "bearer";

export interface Session {
  caller: Caller;
  source: SessionSource;
  /** The value POST forms must send back in {@link CSRF_FIELD} (empty for bearer callers, who need none). */
  csrf: string;
}

export interface CookieSettings {
  maxAgeSeconds: number;
  /** "auto": Secure when the request came over https (@fastify/cookie decides per request). */
  secure: boolean | "auto";
}

/**
 * What a CSRF token is bound to: a one-way digest of the session's secret, so a token made for
 * one session (or token) is refused in another, and the secret cannot be recovered from it.
 */
function sessionBinding(secret: string): string {
  return createHash("sha256").update("agpm-dashboard-csrf\u0000").update(secret).digest("base64url");
}

/**
 * The cookie and CSRF plugins on the dashboard's scope. The session cookie is not signed: it holds
 * the API token itself, which the store verifies on every request, so a signature would add nothing.
 */
export async function registerSessionPlugins(app: FastifyInstance, settings: CookieSettings): Promise<void> {
  await app.register(fastifyCookie);
  await app.register(fastifyCsrf, {
    sessionPlugin: "@fastify/cookie",
    cookieKey: CSRF_COOKIE,
    cookieOpts: { path: "/", httpOnly: true, sameSite: "strict", secure: settings.secure },
    getUserInfo: (request) => sessionBinding(request.cookies[SESSION_COOKIE] ?? ""),
    // The plugin requires an HMAC key to bind tokens to a session. The unguessable part is the
    // per-browser secret in the HttpOnly cookie; a fixed key keeps tokens valid across restarts and replicas.
    csrfOpts: { hmacKey: "agpm-dashboard-csrf" },
  });
}

export function readSessionCookie(request: FastifyRequest): string | null {
  return request.cookies[SESSION_COOKIE] || null;
}

function cookieOptions(settings: CookieSettings) {
  return { path: "/", maxAge: settings.maxAgeSeconds, httpOnly: true, sameSite: "strict", secure: settings.secure } as const;
}

/** Signs the browser in; the CSRF secret is dropped so the new session gets its own. */
export function startSession(reply: FastifyReply, settings: CookieSettings, secret: string): void {
  reply.setCookie(SESSION_COOKIE, secret, cookieOptions(settings));
  reply.clearCookie(CSRF_COOKIE, { path: "/", httpOnly: true, sameSite: "strict", secure: settings.secure });
}

export function endSession(reply: FastifyReply, settings: CookieSettings): void {
  reply.clearCookie(SESSION_COOKIE, { ...cookieOptions(settings), maxAge: 0 });
  reply.clearCookie(CSRF_COOKIE, { path: "/", httpOnly: true, sameSite: "strict", secure: settings.secure });
}

/**
 * Who is calling: the session cookie, else an `Authorization: Bearer` header (scripts, tests).
 * Null when neither holds a live token. A cookie session gets its form token here (which sets the
 * CSRF secret cookie when the browser has none yet).
 */
export async function resolveSession(request: FastifyRequest, reply: FastifyReply, store: Store): Promise<{ session: Session | null; staleCookie: boolean }> {
  const fromCookie = readSessionCookie(request);
  const fromHeader = bearerSecret(request);
  const secret = fromCookie || fromHeader;
  if (!secret) return { session: null, staleCookie: false };
  const token = await store.tokens.authenticate(secret);
  if (!token) return { session: null, staleCookie: Boolean(fromCookie) };
  const csrf = fromCookie ? reply.generateCsrf({ userInfo: sessionBinding(fromCookie) }) : "";
  return { session: { caller: callerOf(token), source: fromCookie ? "cookie" : "bearer", csrf }, staleCookie: false };
}

/**
 * True when a state-changing request may have come from another site: a `Sec-Fetch-Site` other
 * than same-origin (or a typed URL), or an `Origin` whose host is not this server's. Ours, not a
 * plugin's: @fastify/csrf-protection checks tokens only, and the sign-in form has no session to bind one to.
 */
export function crossSite(request: FastifyRequest): boolean {
  const site = request.headers["sec-fetch-site"];
  if (typeof site === "string" && site !== "same-origin" && site !== "none") return true;
  const origin = request.headers.origin;
  if (typeof origin !== "string") return false;
  if (origin === "null") return true;
  try {
    const from = new URL(origin);
    // Through URL both sides drop a default port ("host:80" and "http://host" agree).
    return from.host !== new URL(`${from.protocol}//${request.headers.host ?? ""}`).host;
  } catch {
    return true;
  }
}
