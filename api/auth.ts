// Bearer-token authentication and role checks, run before anything else on every route that
// declares a role; public routes (health, the OpenAPI document) skip it.
import type { FastifyInstance, FastifyRequest } from "fastify";
import { AgpmError } from "../core/errors.js";
import type { ApiToken, Store, TokenRole } from "../store/index.js";

/** Who may call a route: a token of at least this role, or anyone. */
export type Access = TokenRole | "public";
/** Which requests to a route land in the audit log: all, only refused or failed ones, or none. */
export type AuditMode = "always" | "errors" | "never";

export interface Caller {
  tokenId: string;
  name: string;
  role: TokenRole;
  /** How the caller appears in the audit log and as a run's actor. */
  actor: string;
}

declare module "fastify" {
  interface FastifyRequest {
    /** The authenticated caller; null on public routes and before authentication. */
    caller: Caller | null;
  }
  interface FastifyContextConfig {
    access?: Access;
    audit?: AuditMode;
  }
}

const RANK: Record<TokenRole, number> = { viewer: 0, author: 1, approver: 2 };

/** Roles nest: an approver may do what an author may, an author what a viewer may. */
export function roleAllows(role: TokenRole, needed: TokenRole): boolean {
  return RANK[role] >= RANK[needed];
}

export function callerOf(token: ApiToken): Caller {
  return { tokenId: token.id, name: token.name, role: token.role, actor: `token:${token.name}` };
}

/** The secret from `Authorization: Bearer <secret>`, or null when the header is missing or of another scheme. */
export function bearerSecret(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== "string") return null;
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

/**
 * Adds the onRequest hook that authenticates and authorises every route declaring `access`.
 * @throws AgpmError UNAUTHORIZED (no, malformed, unknown or revoked token) or FORBIDDEN (role too low), as responses.
 */
export function installAuth(app: FastifyInstance, store: Store): void {
  app.decorateRequest("caller", null);
  app.addHook("onRequest", async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined || access === "public") return;
    const secret = bearerSecret(request);
    if (secret === null) throw new AgpmError("UNAUTHORIZED", "send an API token: Authorization: Bearer <token> (agpm token create)");
    const token = await store.tokens.authenticate(secret);
    if (!token) throw new AgpmError("UNAUTHORIZED", "the API token is not valid (unknown or revoked)");
    request.caller = callerOf(token);
    if (!roleAllows(token.role, access)) {
      throw new AgpmError("FORBIDDEN", `this needs a token with role ${access} or above; ${token.name} is ${token.role}`);
    }
  });
}
