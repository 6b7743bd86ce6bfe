// An approval pause survives the process: one `agpm` process pauses, another approves.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunReport } from "../../agents/reporter/report.js";
import { createWorkspace, type CliWorkspace } from "../helpers/cli.js";
import { agpmArgv } from "../helpers/dist.js";
import { publicBuckets, unencryptedBuckets } from "../helpers/oracle.js";

const INTENT = "Ensure all AWS cloud storage buckets are private and encrypted.";

let ws: CliWorkspace;
beforeEach(async () => {
  ws = createWorkspace();
  expect((await ws.run("sandbox", "init")).code).toBe(0);
});
afterEach(() => ws.cleanup());

/** A separate agpm process, as a user would start it (the built bin). */
function agpm(...args: string[]): { code: number; report: RunReport; stderr: string } {
  const child = spawnSync(process.execPath, agpmArgv(args), {
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

describe("no sweep or run goes around a pending approval", () => {
  type SweepJson = { totals: { awaitingApproval: number; pendingApproval: number }; runs: Array<{ actions: Record<string, number> }> };
  const pause = async () => {
    const paused = await ws.run("run", INTENT, "--apply", "--max-changes", "0", "--json");
    expect(paused.code).toBe(3);
    return paused.json<RunReport>();
  };
  const planned = (report: RunReport) => report.actions.filter((a) => a.status === "planned").map((a) => a.resourceId);
  /** Encrypts one bucket by hand, as someone in the console would. */
  const encryptByHand = (name: string) => {
    const doc = ws.sandbox();
    const bucket = doc.s3.buckets.find((b) => b.Name === name);
    if (!bucket) throw new Error(`no bucket ${name}`);
    bucket.Encryption = { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" }, BucketKeyEnabled: false }] };
    writeFileSync(ws.sandboxFile, JSON.stringify(doc, null, 2));
  };

  it("a sweep --now --apply leaves the paused run's resources alone, reports them held and exits 3; the approval still applies", async () => {
    const paused = await pause();
    expect(planned(paused).length).toBeGreaterThan(0);
    const before = JSON.stringify(ws.sandbox());
    const sweep = await ws.run("sweep", "--now", "--apply", "--json");
    expect(sweep.code).toBe(3);
    const result = sweep.json<SweepJson>();
    expect(result.totals.pendingApproval).toBe(planned(paused).length);
    expect(JSON.stringify(ws.sandbox()) === before).toBe(true);
    const text = await ws.run("sweep", "--now", "--apply");
    expect(text.code).toBe(3);
    expect(text.stdout).toMatch(/held for a pending approval/);

    const approved = await ws.run("approve", paused.runId, "--json");
    expect(approved.code).toBe(0);
    expect(approved.json<RunReport>().actions.every((a) => a.status === "verified")).toBe(true);
    expect(unencryptedBuckets(ws.sandbox())).toEqual([]);
  });

  it("another intent's run --apply --yes on the same resources does not change them", async () => {
    const paused = await pause();
    const before = unencryptedBuckets(ws.sandbox());
    expect(before.length).toBeGreaterThan(0);
    const other = await ws.run("run", "Ensure all S3 buckets have default encryption enabled.", "--apply", "--yes", "--json");
    expect(other.code).toBe(3);
    const report = other.json<RunReport>();
    expect(report.policy?.id).not.toBe(paused.policy?.id);
    const held = report.actions.filter((a) => a.status === "pending-approval");
    expect(held.map((a) => a.resourceId).sort()).toEqual(before);
    expect(held.every((a) => a.detail?.includes(paused.runId))).toBe(true);
    expect(unencryptedBuckets(ws.sandbox())).toEqual(before);
    expect((await ws.run("approve", paused.runId, "--json")).code).toBe(0);
  });

  it("approving a run whose resources changed since its plan is refused as stale, and nothing is applied", async () => {
    const paused = await pause();
    const [first, ...rest] = unencryptedBuckets(ws.sandbox());
    encryptByHand(first ?? "");
    const snapshot = JSON.stringify(ws.sandbox());
    const approve = await ws.run("approve", paused.runId);
    expect(approve.code).toBe(2);
    expect(approve.stderr).toMatch(new RegExp(`error \\[RUN_STALE\\]: run ${paused.runId} is stale: ${first} changed since the plan`));
    expect(JSON.stringify(ws.sandbox()) === snapshot).toBe(true);
    expect(unencryptedBuckets(ws.sandbox())).toEqual(rest);
    const runs = (await ws.run("runs", "--json")).json<{ runs: Array<{ id: string; status: string }> }>().runs;
    expect(runs.find((r) => r.id === paused.runId)?.status).toBe("stale");
    // Stale is final: a second try says why again, and a rejection is refused the same way.
    expect((await ws.run("reject", paused.runId)).stderr).toMatch(/RUN_STALE.*changed since the plan/);
    // Queued decisions are refused before anything is enqueued.
    const queued = await ws.run("approve", paused.runId, "--queue");
    expect({ code: queued.code, stdout: queued.stdout }).toEqual({ code: 2, stdout: "" });
    expect(queued.stderr).toMatch(/RUN_STALE/);
    const audit = (await ws.run("audit", "--run", paused.runId, "--json")).json<{ events: Array<{ result: string; detail: string | null }> }>().events;
    expect(audit.find((e) => e.result === "stale")?.detail).toMatch(/changed since the plan/);
  });

  it("a run approved by a person overtakes another paused run of the same resources, which goes stale", async () => {
    const first = await pause();
    const second = await pause();
    // The second pause does not change the first's plan: both wait.
    expect((await ws.run("approve", second.runId, "--json")).code).toBe(0);
    const runs = (await ws.run("runs", "--json")).json<{ runs: Array<{ id: string; status: string }> }>().runs;
    expect(runs.find((r) => r.id === first.runId)?.status).toBe("stale");
    const refused = await ws.run("approve", first.runId, "--json");
    expect(refused.code).toBe(2);
    expect(refused.json<{ error: { code: string; message: string } }>().error).toMatchObject({ code: "RUN_STALE", message: expect.stringContaining(`run ${second.runId} changed`) });
  });

  it("a newer policy version makes the paused run stale", async () => {
    const paused = await pause();
    const update = await ws.run("run", "Update the existing S3 rule to also require versioning", "--json");
    expect(update.json<RunReport>().policy).toMatchObject({ id: paused.policy?.id, version: 2 });
    const refused = await ws.run("approve", paused.runId);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/RUN_STALE.*newer version \(v2\)/);
  });
});
