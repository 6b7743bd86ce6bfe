// An approval pause survives the process: one `agpm` process pauses, another approves.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunReport } from "../../agents/reporter/report.js";
import { createWorkspace, type CliWorkspace } from "../helpers/cli.js";
import { publicBuckets, unencryptedBuckets } from "../helpers/oracle.js";

const ROOT = join(import.meta.dirname, "..", "..");
// Resolved from the project, since the child runs in a temporary folder.
const TSX = createRequire(import.meta.url).resolve("tsx/esm");
const INTENT = "Ensure all AWS cloud storage buckets are private and encrypted.";

let ws: CliWorkspace;
beforeEach(async () => {
  ws = createWorkspace();
  expect((await ws.run("sandbox", "init")).code).toBe(0);
});
afterEach(() => ws.cleanup());

/** A separate agpm process, as a user would start it. */
function agpm(...args: string[]): { code: number; report: RunReport; stderr: string } {
  const child = spawnSync(process.execPath, ["--import", TSX, join(ROOT, "cli", "main.ts"), ...args], {
    cwd: ws.dir,
    env: { ...process.env, AGPM_ACTOR: "alice", NO_COLOR: "1" },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: child.status ?? -1, report: JSON.parse(child.stdout) as RunReport, stderr: child.stderr };
}

describe("when enforcement would change more resources than allowed", () => {
  it("pauses, and a new process approves and applies it", async () => {
    const drifted = new Set([...publicBuckets(ws.sandbox()), ...unencryptedBuckets(ws.sandbox())]);
    const before = JSON.stringify(ws.sandbox());
    const paused = agpm("run", INTENT, "--apply", "--max-changes", "1", "--json");
    expect(paused.code).toBe(3);
    expect(paused.report.status).toBe("awaiting-approval");
    expect(paused.report.blastRadius?.resources).toBe(drifted.size);
    expect(JSON.stringify(ws.sandbox())).toBe(before);

    const approved = agpm("approve", paused.report.runId, "--json");
    expect(approved.code).toBe(0);
    expect(approved.report.status).toBe("completed");
    expect(approved.report.actions.length).toBeGreaterThan(0);
    expect(approved.report.actions.every((a) => a.status === "verified")).toBe(true);
    expect(publicBuckets(ws.sandbox())).toEqual([]);
    expect(unencryptedBuckets(ws.sandbox())).toEqual([]);

    const events = (await ws.run("audit", "--run", paused.report.runId, "--json")).json<{ events: Array<{ result: string; actor: string }> }>().events;
    expect(events.filter((e) => e.result === "approved").map((e) => e.actor)).toEqual(["alice"]);

    const again = agpm("approve", paused.report.runId, "--json");
    expect(again.code).toBe(2);
  }, 120_000); // two real processes; slow to start on a loaded machine

  it("changes nothing when rejected, and records the rejection", async () => {
    const before = JSON.stringify(ws.sandbox());
    const paused = agpm("run", INTENT, "--apply", "--max-changes", "0", "--json");
    expect(paused.code).toBe(3);
    const rejected = await ws.run("reject", paused.report.runId, "--comment", "not during the freeze", "--json");
    expect(rejected.code).toBe(1);
    expect(rejected.json<RunReport>().status).toBe("rejected");
    expect(JSON.stringify(ws.sandbox())).toBe(before);
    const events = (await ws.run("audit", "--run", paused.report.runId, "--json")).json<{ events: Array<{ result: string; detail: string | null }> }>().events;
    expect(events.find((e) => e.result === "rejected")?.detail).toBe("not during the freeze");
  });

  it("applies on the spot with --yes", async () => {
    const run = await ws.run("run", INTENT, "--apply", "--max-changes", "0", "--yes", "--json");
    expect(run.code).toBe(0);
    const report = run.json<RunReport>();
    expect(report.approval?.approved).toBe(true);
    expect(report.actions.every((a) => a.status === "verified")).toBe(true);
  });
});
