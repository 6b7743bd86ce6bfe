// What every dashboard route group is given: the API's dependencies and the dashboard's settings.
import type { ApiDeps } from "../api/deps.js";
import type { PageAuditPolicy } from "./route.js";
import type { CookieSettings } from "./session.js";

export interface DashboardContext {
  deps: ApiDeps;
  audit: PageAuditPolicy;
  cookie: CookieSettings;
  /** The clock the charts are drawn against. */
  now: () => Date;
}

/** A local path to go back to after signing in; anything else (another site, `//host`) becomes "/". */
export function safeNext(next: unknown): string {
  if (typeof next !== "string" || !next.startsWith("/") || next.startsWith("//") || next.includes("\\") || /[\r\n]/.test(next)) return "/";
  return next.slice(0, 1000);
}
