// The API server with the dashboard area, on a real SQLite store and a real Redis queue, and
// requests made the way a browser makes them: the session cookie, Accept: text/html, form posts.
import { createDashboardArea, CSRF_COOKIE, SESSION_COOKIE, type DashboardOptions } from "../../dashboard/index.js";
import type { ServerOptions } from "../../api/index.js";
import type { TokenRole } from "../../store/index.js";
import { createApiEnv, type ApiEnv, type ApiResponse } from "../api/api-env.js";

export interface DashboardEnv extends ApiEnv {
  /** GET a page as a browser signed in with the role's token (or signed out). */
  page(role: TokenRole | null, url: string, headers?: Record<string, string>): Promise<ApiResponse>;
  /**
   * POST a form as the role's browser session. Like a browser, the session first opens a page to get
   * its CSRF secret cookie and form token; the token is added unless `csrf` is false or a string to send instead.
   */
  form(role: TokenRole | null, url: string, fields: Record<string, string>, options?: { csrf?: boolean | string; headers?: Record<string, string> }): Promise<ApiResponse>;
  /** The CSRF secret cookie and form token a role's browser session holds after opening a page. */
  csrf(role: TokenRole): Promise<{ cookie: string; token: string }>;
}

/** The value of one cookie among a response's Set-Cookie headers. */
export function setCookieValue(headers: Record<string, unknown>, name: string): string | undefined {
  const raw = headers["set-cookie"];
  const lines = Array.isArray(raw) ? raw.map(String) : typeof raw === "string" ? [raw] : [];
  const line = lines.find((l) => l.startsWith(`${name}=`));
  return line === undefined ? undefined : line.slice(name.length + 1).split(";")[0];
}

/** Rate limiting is off unless `server` turns it on, so a test's many requests are never refused for it. */
export async function createDashboardEnv(options: DashboardOptions = {}, server: ServerOptions = { rateLimit: false }): Promise<DashboardEnv> {
  const api = await createApiEnv({ ...server, areas: [createDashboardArea(options)] });
  const cookie = (role: TokenRole | null): Record<string, string> => (role ? { cookie: `${SESSION_COOKIE}=${api.tokens[role]}` } : {});
  const sessions = new Map<TokenRole, { cookie: string; token: string }>();
  async function csrf(role: TokenRole): Promise<{ cookie: string; token: string }> {
    const known = sessions.get(role);
    if (known) return known;
    const page = await api.server.inject({ method: "GET", url: "/login", headers: { accept: "text/html", ...cookie(role) } });
    const secret = setCookieValue(page.headers, CSRF_COOKIE);
    const token = /<input type="hidden" name="_csrf" value="([^"]+)">/.exec(page.body)?.[1];
    if (!secret || !token) throw new Error(`no CSRF cookie or token for ${role}: ${page.statusCode}`);
    const held = { cookie: `${CSRF_COOKIE}=${secret}`, token };
    sessions.set(role, held);
    return held;
  }
  const wrap = (response: Awaited<ReturnType<typeof api.server.inject>>): ApiResponse => ({
    status: response.statusCode, headers: response.headers, body: response.body, json: <T>() => response.json<T>(),
  });
  return {
    ...api,
    async page(role, url, headers = {}) {
      return wrap(await api.server.inject({ method: "GET", url, headers: { accept: "text/html", ...cookie(role), ...headers } }));
    },
    csrf,
    async form(role, url, fields, settings = {}) {
      const wanted = settings.csrf ?? true;
      const body = new URLSearchParams(fields);
      const held = role ? await csrf(role) : null;
      if (held && wanted !== false) body.set("_csrf", typeof wanted === "string" ? wanted : held.token);
      const cookies = [cookie(role).cookie, held?.cookie].filter(Boolean).join("; ");
      return wrap(await api.server.inject({
        method: "POST",
        url,
        headers: { accept: "text/html", "content-type": "application/x-www-form-urlencoded", ...(cookies ? { cookie: cookies } : {}), ...(settings.headers ?? {}) },
        payload: body.toString(),
      }));
    },
  };
}
