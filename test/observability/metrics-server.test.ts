import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { isAgpmError } from "../../core/errors.js";
import { createMetrics } from "../../observability/metrics.js";
import { startMetricsServer } from "../../observability/metrics-server.js";
import type { MetricsServer } from "../../observability/metrics-server.js";
import { sample } from "./prom-text.js";

const servers: MetricsServer[] = [];
afterEach(async () => { while (servers.length) await servers.pop()!.close(); });

async function start(): Promise<{ base: string; metrics: ReturnType<typeof createMetrics> }> {
  const metrics = createMetrics();
  const server = await startMetricsServer(metrics, { port: 0, host: "127.0.0.1" });
  servers.push(server);
  expect(server.port).toBeGreaterThan(0);
  return { base: `http://127.0.0.1:${server.port}`, metrics };
}

describe("when Prometheus scrapes /metrics", () => {
  it("answers the registry's text with its content type, current values included", async () => {
    const { base, metrics } = await start();
    metrics.jobFinished("agpm-intents", "run", "completed", 0.3);
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(metrics.contentType);
    const text = await res.text();
    expect(sample(text, "agpm_jobs_total", { queue: "agpm-intents", name: "run", outcome: "completed" })).toBe(1);
    metrics.jobFinished("agpm-intents", "run", "completed", 0.3);
    const again = await (await fetch(`${base}/metrics?x=1`)).text();
    expect(sample(again, "agpm_jobs_total", { queue: "agpm-intents", name: "run", outcome: "completed" })).toBe(2);
  });
});

describe("when a probe asks /healthz", () => {
  it("answers 200 with status ok as JSON", async () => {
    const { base } = await start();
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ status: "ok" });
  });
});

describe("when anything else is asked", () => {
  it("answers 404 JSON for unknown paths and 405 for other methods on known ones", async () => {
    const { base } = await start();
    const missing = await fetch(`${base}/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: "not found", path: "/nope" });
    const posted = await fetch(`${base}/metrics`, { method: "POST" });
    expect(posted.status).toBe(405);
    expect(posted.headers.get("allow")).toBe("GET, HEAD");
  });
});

describe("when the port is taken", () => {
  it("rejects with CONFIG_INVALID naming the address", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const error = await startMetricsServer(createMetrics(), { port, host: "127.0.0.1" }).catch((e: unknown) => e);
      expect(isAgpmError(error, "CONFIG_INVALID")).toBe(true);
      expect((error as Error).message).toContain(`127.0.0.1:${port}`);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});

describe("when closed", () => {
  it("stops answering, even after a keep-alive scrape", async () => {
    const metrics = createMetrics();
    const server = await startMetricsServer(metrics, { port: 0, host: "127.0.0.1" });
    expect((await fetch(`http://127.0.0.1:${server.port}/metrics`)).status).toBe(200);
    await server.close();
    await expect(fetch(`http://127.0.0.1:${server.port}/healthz`)).rejects.toThrow();
  });
});
