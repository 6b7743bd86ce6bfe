// The example service in examples/queue-client, run as its own process against a real worker:
// it submits an intent, reads the result, and the audit log names the service and requester.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createQueueEnv, REDIS_URL, type QueueEnv } from "./redis-env.js";

const ROOT = join(import.meta.dirname, "..", "..");
const TSX = createRequire(import.meta.url).resolve("tsx/esm");
let env: QueueEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

function runExample(environment: Record<string, string>, intent: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ["--import", TSX, join(ROOT, "examples", "queue-client", "submit-intent.ts"), intent], { env: { ...process.env, ...environment } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => void (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => void (stderr += c.toString()));
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, stdout, stderr })));
}

describe("the example queue client", () => {
  it("submits an intent, prints the result, and is named in the run and the audit log", async () => {
    env = await createQueueEnv();
    env.startWorker();
    const result = await runExample(
      { REDIS_URL, AGPM_QUEUE_PREFIX: env.prefix, AGPM_SANDBOX: env.graph.sandboxFile, REQUESTER: "alice" },
      "Ensure all S3 buckets are encrypted",
    );
    expect(result.code, result.stderr).toBe(1); // the demo account has unencrypted buckets
    const line = JSON.parse(result.stdout.trim()) as { runId: string; status: string; policy: string; summary: { failed: number } };
    expect(line.status).toBe("completed");
    expect(line.summary.failed).toBeGreaterThan(0);
    const run = await env.graph.store.runs.getRun(line.runId);
    expect(run?.actor).toBe("alice (via example-service)");
    expect(run?.options).toMatchObject({ source: "example-service" });
    const audit = await env.graph.store.audit.listAudit({ runId: line.runId });
    expect(audit.find((e) => e.result === "policy-created")?.actor).toBe("alice (via example-service)");
  });

  it("fails with the reason when Redis is not there", async () => {
    const result = await runExample({ REDIS_URL: "redis://127.0.0.1:1", AGPM_SANDBOX: "x.json" }, "Ensure all S3 buckets are encrypted");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("cannot reach Redis at redis://127.0.0.1:1");
  });
});
