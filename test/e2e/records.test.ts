// The read-only commands over the store: findings, runs, policies.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunReport } from "../../agents/reporter/report.js";
import { createWorkspace, type CliWorkspace } from "../helpers/cli.js";
import { imdsV1Instances } from "../helpers/oracle.js";

const INTENT = "Require IMDSv2 on all EC2 instances in us-east-1.";
let ws: CliWorkspace;
let report: RunReport;
beforeEach(async () => {
  ws = createWorkspace();
  await ws.run("sandbox", "init");
  report = (await ws.run("run", INTENT, "--json")).json<RunReport>();
});
afterEach(() => ws.cleanup());

describe("when listing findings", () => {
  it("shows what needs attention by default, everything with --all", async () => {
    const failing = (await ws.run("findings", "--json")).json<{ findings: Array<{ resourceId: string; status: string; region: string; location: unknown }> }>().findings;
    expect(failing.map((f) => f.resourceId).sort()).toEqual(imdsV1Instances(ws.sandbox(), "us-east-1"));
    // Each row says where its resource lives: the domain, the region as partition, the account as root.
    const where = { domain: "aws", partition: "us-east-1", root: ws.sandbox().account };
    expect(failing.map((f) => [f.region, f.location])).toEqual(failing.map(() => ["us-east-1", where]));
    const all = (await ws.run("findings", "--all", "--json")).json<{ findings: Array<{ status: string }> }>().findings;
    expect(all.length).toBe(report.summary.resources);
    expect(all.some((f) => f.status === "pass")).toBe(true);
    const byRun = (await ws.run("findings", "--run", report.runId, "--status", "pass", "--json")).json<{ findings: Array<{ status: string }> }>().findings;
    expect(byRun.length).toBe(report.summary.passed);
  });

  it("refuses an unknown status", async () => {
    expect((await ws.run("findings", "--status", "bad")).code).toBe(2);
  });
});

describe("when listing the audit log", () => {
  it("names where each changed resource lives, as the run's actions do", async () => {
    const applied = (await ws.run("run", INTENT, "--apply", "--yes", "--json")).json<RunReport>();
    const where = { domain: "aws", partition: "us-east-1", root: ws.sandbox().account };
    const verified = applied.actions.filter((a) => a.status === "verified");
    expect(verified.length).toBeGreaterThan(0);
    expect(verified.map((a) => [a.region, a.location])).toEqual(verified.map(() => ["us-east-1", where]));
    const events = (await ws.run("audit", "--run", applied.runId, "--json")).json<{ events: Array<{ resourceId: string | null; location: unknown }> }>().events;
    const changes = events.filter((e) => e.resourceId !== null);
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.map((e) => e.location)).toEqual(changes.map(() => where));
    const table = (await ws.run("audit", "--run", applied.runId)).stdout;
    expect(table.split("\n")[0]).toMatch(/RESOURCE\s+LOCATION\s+BEFORE → AFTER/);
    expect(table).toContain(`aws us-east-1 ${where.root}`);
  });
});

describe("when listing runs and policies", () => {
  it("shows the run and the stored policy", async () => {
    const runs = (await ws.run("runs", "--json")).json<{ runs: Array<{ id: string; status: string }> }>().runs;
    expect(runs).toEqual([expect.objectContaining({ id: report.runId, status: "completed" })]);
    const shown = (await ws.run("policies", "show", report.policy?.id ?? "", "--json")).json<{ id: string; version: number; scope: unknown }>();
    expect(shown).toMatchObject({ id: report.policy?.id, version: 1, scope: { regions: ["us-east-1"] } });
    const human = await ws.run("policies", "show", report.policy?.id ?? "");
    expect(human.stdout).toContain("Every EC2 instance in us-east-1 must");
  });

  it("says so when a policy does not exist", async () => {
    const result = await ws.run("policies", "show", "nope");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("POLICY_NOT_FOUND");
  });
});
