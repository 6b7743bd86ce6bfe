// What every request leaves behind: a line in the audit log with the caller, and the API's
// Prometheus counters. Both are written after the response is sent, so clients never wait on them.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Counter, Histogram } from "prom-client";
import { errorMessage } from "../core/errors.js";
import type { Metrics } from "../observability/index.js";
import type { Store } from "../store/index.js";

/** Request durations run from a cached read (ms) to a `?wait=true` that outlives a run (minutes). */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

/** The audit event's run or policy, from the route's `:id`, so `agpm audit --run` finds the requests too. */
function subject(route: string, params: unknown): { runId?: string; policyId?: string } {
  const id = typeof params === "object" && params !== null && "id" in params && typeof params.id === "string" ? params.id.slice(0, 200) : undefined;
  if (!id) return {};
  if (route.startsWith("/v1/runs/")) return { runId: id };
  if (route.startsWith("/v1/policies/")) return { policyId: id };
  return {};
}

function shouldAudit(request: FastifyRequest, status: number): boolean {
  const mode = request.routeOptions.config.audit;
  // Unmatched URLs (404 from no route) carry no mode: probes and scanners, not callers.
  if (mode === undefined || mode === "never") return false;
  return mode === "always" || status >= 400;
}

/**
 * Adds the onResponse hook that audits and counts requests. Pending audit writes are awaited
 * when the server closes, so a graceful stop loses none.
 */
export function installObservation(app: FastifyInstance, store: Store, metrics: Metrics): void {
  const requests = new Counter({
    name: "agpm_http_requests_total", help: "HTTP API requests, by method, route and status.",
    labelNames: ["method", "route", "status"] as const, registers: [metrics.registry],
  });
  const seconds = new Histogram({
    name: "agpm_http_request_duration_seconds", help: "HTTP API request time in seconds.",
    labelNames: ["method", "route"] as const, buckets: HTTP_BUCKETS, registers: [metrics.registry],
  });
  const pending = new Set<Promise<void>>();

  app.addHook("onResponse", async (request: FastifyRequest, reply: FastifyReply) => {
    const route = request.routeOptions.url ?? "unmatched";
    const status = reply.statusCode;
    requests.inc({ method: request.method, route, status: String(status) });
    seconds.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    if (!shouldAudit(request, status)) return;
    const path = request.url.split("?")[0] ?? request.url;
    const write = store.audit
      .appendAudit({
        actor: request.caller?.actor ?? "anonymous",
        action: "http",
        result: String(status),
        detail: `${request.method} ${path.slice(0, 500)} (request ${request.id})`,
        ...subject(route, request.params),
      })
      .then(
        () => undefined,
        (error: unknown) => request.log.error({ err: errorMessage(error) }, "could not audit a request"),
      );
    pending.add(write);
    void write.finally(() => pending.delete(write));
  });
  app.addHook("onClose", async () => {
    await Promise.all([...pending]);
  });
}
