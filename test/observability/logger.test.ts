import { spawnSync } from "node:child_process";
import { Writable } from "node:stream";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { AgpmError, isAgpmError } from "../../core/errors.js";
import { createLogger } from "../../observability/logger.js";
import { distModule } from "../helpers/dist.js";

/** A stream that keeps every JSON line written to it, parsed. */
function capture(): { stream: Writable; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  let pending = "";
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      pending += chunk.toString("utf8");
      const parts = pending.split("\n");
      pending = parts.pop() ?? "";
      for (const part of parts) lines.push(JSON.parse(part) as Record<string, unknown>);
      done();
    },
  });
  return { stream, lines };
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe("when a worker logs", () => {
  it("writes one JSON line per event with service, ISO time, a level label and the fields", () => {
    const { stream, lines } = capture();
    const log = createLogger({ destination: stream, base: { worker: "intents" } });
    log.info({ resources: 7 }, "collected");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: "info", service: "agpm", worker: "intents", resources: 7, msg: "collected", pid: process.pid });
    expect(lines[0]!["time"]).toMatch(ISO);
  });

  it("carries the ids of child loggers on every line, and the child's own on top", () => {
    const { stream, lines } = capture();
    const job = createLogger({ destination: stream }).child({ queue: "agpm-intents", jobId: "42", runId: "run_1" });
    job.warn("slow");
    job.child({ policyId: "p-1", resourceId: "bucket-a", sweepId: "sw_9" }).error("remediation failed");
    expect(lines.map((l) => l["level"])).toEqual(["warn", "error"]);
    expect(lines[0]).toMatchObject({ queue: "agpm-intents", jobId: "42", runId: "run_1", msg: "slow" });
    expect(lines[0]).not.toHaveProperty("policyId");
    expect(lines[1]).toMatchObject({ queue: "agpm-intents", jobId: "42", runId: "run_1", policyId: "p-1", resourceId: "bucket-a", sweepId: "sw_9" });
  });

  it("drops lines below the level and keeps those at or above it", () => {
    const { stream, lines } = capture();
    const log = createLogger({ destination: stream, level: "warn" });
    log.debug("no");
    log.info("no");
    log.warn("yes");
    log.fatal("yes");
    expect(lines.map((l) => l["level"])).toEqual(["warn", "fatal"]);
    const verbose = capture();
    createLogger({ destination: verbose.stream, level: "debug" }).debug("shown");
    expect(verbose.lines.map((l) => l["msg"])).toEqual(["shown"]);
  });

  it("serialises an AgpmError under err with its code and details", () => {
    const { stream, lines } = capture();
    const err = new AgpmError("AWS_THROTTLED", "ListBuckets was still throttled", { details: { command: "ListBuckets", attempts: 6 } });
    createLogger({ destination: stream }).error({ err }, "job failed");
    expect(lines[0]!["err"]).toMatchObject({ type: "AgpmError", code: "AWS_THROTTLED", message: "ListBuckets was still throttled", details: { command: "ListBuckets", attempts: 6 } });
    expect(String((lines[0]!["err"] as { stack: string }).stack)).toContain("ListBuckets was still throttled");
  });

  it("rejects an unknown level name with CONFIG_INVALID naming the valid ones", () => {
    const error = (() => {
      try { createLogger({ destination: capture().stream, level: "loud" }); } catch (e) { return e; }
      return undefined;
    })();
    expect(isAgpmError(error, "CONFIG_INVALID")).toBe(true);
    expect((error as Error).message).toMatch(/"loud".*fatal, error, warn, info, debug, trace, silent/);
  });
});

describe("when no destination is given", () => {
  it("writes to stderr and leaves stdout alone", () => {
    const script = [
      `const { createLogger } = await import(${JSON.stringify(pathToFileURL(distModule("observability/logger.ts")).href)});`,
      'createLogger({ base: { probe: true } }).info("to stderr");',
    ].join("\n");
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    expect(child.status).toBe(0);
    expect(child.stdout).toBe("");
    const line = JSON.parse(child.stderr.trim().split("\n").at(-1)!) as Record<string, unknown>;
    expect(line).toMatchObject({ level: "info", service: "agpm", probe: true, msg: "to stderr" });
  });
});
