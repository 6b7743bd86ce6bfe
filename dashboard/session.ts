// Browser sessions for the dashboard: the API token pasted at /login is kept in an HttpOnly,
// SameSite=Strict cookie and checked against the store on every request (so revoking the token
// ends the session at once); POST forms carry a CSRF token derived from that secret.
import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { bearerSecret, callerOf, type Caller } from "../api/auth.js";
import type { Store } from "../store/index.js";

export const SESSION_COOKIE = "agpm_session";
export const CSRF_FIELD = "_csrf";

/** How the request proved who it is: the session cookie (forms need a CSRF token) or a bearer header. */
export type SessionSource = "cookie" | "bearer";

export interface Session {
  caller: Caller;
  source: SessionSource;
  /** The value POST forms must send back in {@link CSRF_FIELD}. */
  csrf: string;
}

export interface CookieSettings {
  maxAgeSeconds: number;
  /** "auto": Secure when the request came over https. */
  secure: boolean | "auto";
}

/** Reads one cookie from the Cookie header; values are taken as sent (ours are URL-safe). */
export function readCookie(request: FastifyRequest, name: string): string | null {
  const header = request.headers.cookie;
  if (typeof header !== "string") return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

function cookie(request: FastifyRequest, settings: CookieSettings, value: string, maxAge: number): string {
  const secure = settings.secure === "auto" ? request.protocol === "https" : settings.secure;
  return `${SESSION_COOKIE}=${value}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Strict${secure ? "; Secure" : ""}`;
}

export function startSession(request: FastifyRequest, reply: FastifyReply, settings: CookieSettings, secret: string): void {
  reply.header("set-cookie", cookie(request, settings, secret, settings.maxAgeSeconds));
}

export function endSession(request: FastifyRequest, reply: FastifyReply, settings: CookieSettings): void {
  reply.header("set-cookie", cookie(request, settings, "", 0));
}

/**
 * The CSRF token of a session: a one-way digest of its secret. A page on another site can
 * neither read the HttpOnly cookie nor compute this, and the secret cannot be recovered from it.
 */
export function csrfFor(secret: string): string {
  return createHash("sha256").update("agpm-dashboard-csrf\u0000").update(secret).digest("base64url");
}

export function csrfMatches(session: Session, sent: unknown): boolean {
  if (typeof sent !== "string") return false;
  const a = Buffer.from(session.csrf);
  const b = Buffer.from(sent);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Who is calling: the session cookie, else an `Authorization: Bearer` header (scripts, tests).
 * Null when neither holds a live token.
 */
export async function resolveSession(request: FastifyRequest, store: Store): Promise<{ session: Session | null; staleCookie: boolean }> {
  const fromCookie = readCookie(request, SESSION_COOKIE);
  const fromHeader = bearerSecret(request);
  const secret = fromCookie || fromHeader;
  if (!secret) return { session: null, staleCookie: false };
  const token = await store.tokens.authenticate(secret);
  if (!token) return { session: null, staleCookie: Boolean(fromCookie) };
  return { session: { caller: callerOf(token), source: fromCookie ? "cookie" : "bearer", csrf: csrfFor(secret) }, staleCookie: false };
}

/**
 * True when a state-changing request may have come from another site: a `Sec-Fetch-Site` other
 * than same-origin (or a typed URL), or an `Origin` whose host is not this server's.
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
