// The API server with the dashboard area, on a real SQLite store and a real Redis queue, and
// requests made the way a browser makes them: the session cookie, Accept: text/html, form posts.
import { createDashboardArea, csrfFor, SESSION_COOKIE, type DashboardOptions } from "../../dashboard/index.js";
import type { ServerOptions } from "../../api/index.js";
import type { TokenRole } from "../../store/index.js";
import { createApiEnv, type ApiEnv, type ApiResponse } from "../api/api-env.js";

export interface DashboardEnv extends ApiEnv {
  /** GET a page as a browser signed in with the role's token (or signed out). */
  page(role: TokenRole | null, url: string, headers?: Record<string, string>): Promise<ApiResponse>;
  /** POST a form as the role's browser session; the CSRF field is added unless `csrf` is false or a string to send instead. */
  form(role: TokenRole | null, url: string, fields: Record<string, string>, options?: { csrf?: boolean | string; headers?: Record<string, string> }): Promise<ApiResponse>;
}

/** Rate limiting is off unless `server` turns it on, so a test's many requests are never refused for it. */
export async function createDashboardEnv(options: DashboardOptions = {}, server: ServerOptions = { rateLimit: false }): Promise<DashboardEnv> {
  const api = await createApiEnv({ ...server, areas: [createDashboardArea(options)] });
  const cookie = (role: TokenRole | null): Record<string, string> => (role ? { cookie: `${SESSION_COOKIE}=${api.tokens[role]}` } : {});
  const wrap = (response: Awaited<ReturnType<typeof api.server.inject>>): ApiResponse => ({
    status: response.statusCode, headers: response.headers, body: response.body, json: <T>() => response.json<T>(),
  });
  return {
    ...api,
    async page(role, url, headers = {}) {
      return wrap(await api.server.inject({ method: "GET", url, headers: { accept: "text/html", ...cookie(role), ...headers } }));
    },
    async form(role, url, fields, settings = {}) {
      const csrf = settings.csrf ?? true;
      const body = new URLSearchParams(fields);
      if (role && csrf !== false) body.set("_csrf", typeof csrf === "string" ? csrf : csrfFor(api.tokens[role]));
      return wrap(await api.server.inject({
        method: "POST",
        url,
        headers: { accept: "text/html", "content-type": "application/x-www-form-urlencoded", ...cookie(role), ...(settings.headers ?? {}) },
        payload: body.toString(),
      }));
    },
  };
}
