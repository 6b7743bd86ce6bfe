// A tiny HTTP endpoint for Prometheus and liveness probes: GET /metrics and GET /healthz.
import { createServer } from "node:http";
import type { ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { AgpmError, errorMessage } from "../core/errors.js";
import type { Metrics } from "./metrics.js";

export interface MetricsServerOptions {
  /** 0 picks a free port; the one chosen is returned. */
  port: number;
  /** Default "0.0.0.0", so a scraper outside the container can reach it. */
  host?: string;
}

export interface MetricsServer {
  /** The port actually listened on. */
  port: number;
  /** Stops listening and drops open (keep-alive) connections. */
  close(): Promise<void>;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

/**
 * Serves `metrics` over HTTP until closed.
 * @throws AgpmError CONFIG_INVALID when it cannot listen (port in use, bad host).
 * @example
 * const server = await startMetricsServer(metrics, { port: config.metricsPort });
 * process.once("SIGTERM", () => void server.close());
 */
export async function startMetricsServer(metrics: Metrics, options: MetricsServerOptions): Promise<MetricsServer> {
  const host = options.host ?? "0.0.0.0";
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const known = path === "/metrics" || path === "/healthz";
    if (known && req.method !== "GET" && req.method !== "HEAD") {
      json(res, 405, { error: "method not allowed", method: req.method }, { allow: "GET, HEAD" });
    } else if (path === "/healthz") {
      json(res, 200, { status: "ok" });
    } else if (path === "/metrics") {
      metrics.render().then(
        (text) => {
          res.writeHead(200, { "content-type": metrics.contentType });
          res.end(text);
        },
        (e: unknown) => json(res, 500, { error: "metrics collection failed", message: errorMessage(e) }),
      );
    } else {
      json(res, 404, { error: "not found", path });
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", (e) => {
      reject(new AgpmError("CONFIG_INVALID", `metrics server cannot listen on ${host}:${options.port}: ${errorMessage(e)}`, { cause: e }));
    });
    server.listen(options.port, host, () => resolve());
  });

  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}
