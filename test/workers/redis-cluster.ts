// A real three-node Redis Cluster on loopback, started by the test that needs it (CI needs
// nothing beyond redis-server and redis-cli on PATH) and stopped, files and all, after it.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Redis } from "ioredis";
import { until } from "../helpers/until.js";

const run = promisify(execFile);

export interface LocalCluster {
  /** redis+cluster://127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3 */
  url: string;
  ports: number[];
  stop(): Promise<void>;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** `count` ports whose cluster bus port (port + 10000) is free too. */
async function freePorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  while (ports.length < count) {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    if (!ports.includes(port) && (await portFree(port)) && (await portFree(port + 10_000))) ports.push(port);
  }
  return ports;
}

async function answers(port: number, command: string[]): Promise<string> {
  const redis = new Redis({ port, host: "127.0.0.1", lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on("error", () => undefined);
  try {
    await redis.connect();
    const [name = "", ...args] = command;
    return String(await redis.call(name, ...args));
  } catch {
    return "";
  } finally {
    redis.disconnect();
  }
}

export async function startLocalCluster(): Promise<LocalCluster> {
  const dir = mkdtempSync(join(tmpdir(), "agpm-redis-cluster-"));
  const ports = await freePorts(3);
  const nodes: ChildProcess[] = ports.map((port) =>
    spawn("redis-server", [
      "--port", String(port), "--bind", "127.0.0.1", "--dir", dir,
      "--cluster-enabled", "yes", "--cluster-config-file", `nodes-${port}.conf`, "--cluster-node-timeout", "5000",
      "--save", "", "--appendonly", "no", "--daemonize", "no", "--logfile", join(dir, `redis-${port}.log`),
    ], { stdio: "ignore" }),
  );
  const stop = async () => {
    await Promise.all(nodes.map((node) => new Promise<void>((resolve) => {
      if (node.exitCode !== null || node.signalCode !== null) return resolve();
      node.once("exit", () => resolve());
      node.kill("SIGTERM");
    })));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const port of ports) await until(`redis-server on ${port}`, async () => ((await answers(port, ["PING"])) === "PONG" ? true : undefined), 10_000);
    await run("redis-cli", ["--cluster", "create", ...ports.map((p) => `127.0.0.1:${p}`), "--cluster-replicas", "0", "--cluster-yes"], { timeout: 30_000 });
    for (const port of ports) {
      await until(`cluster_state:ok on ${port}`, async () => ((await answers(port, ["CLUSTER", "INFO"])).includes("cluster_state:ok") ? true : undefined), 20_000);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `redis+cluster://${ports.map((p) => `127.0.0.1:${p}`).join(",")}`, ports, stop };
}
