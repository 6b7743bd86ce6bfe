// Reports as auditors read them: `check`, `run` and `sweep --now` list every evaluated (rule,
// resource) pair with its evidence and location; --quiet keeps failures and errors; text output
// shows what needs attention unless --all.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunReport } from "../../agents/reporter/report.js";
import type { SweepResult } from "../../contracts/sweeps-queue.js";
import { createWorkspace, type CliWorkspace } from "../helpers/cli.js";
import { statusesOf, summaryOfRows } from "../helpers/report-rows.js";

// One rule per bucket, so each row is one resource; the demo has unencrypted buckets.
const ENCRYPTED = "Ensure all S3 buckets are encrypted";
const EXEMPT = "www-assets";

let ws: CliWorkspace;
let account = "";
beforeAll(async () => {
  ws = createWorkspace();
  expect((await ws.run("sandbox", "init")).code).toBe(0);
  account = ws.sandbox().account;
  expect((await ws.run("run", ENCRYPTED)).code).toBe(1);
  expect((await ws.run("run", `Exempt bucket ${EXEMPT} from the encryption rule until 2099-03-31, reason: static site`)).code).toBe(1);
});
afterAll(() => ws.cleanup());

function expectEveryPair(report: Pick<RunReport, "findings" | "summary">): void {
  const buckets = ws.sandbox().s3.buckets.map((b) => b.Name).sort();
  expect(report.findings.map((f) => f.resourceId).sort()).toEqual(buckets);
  expect(statusesOf(report.findings)).toEqual(["fail", "pass", "skip"]);
  expect(report.summary).toEqual(summaryOfRows(report.findings));
  const passed = report.findings.find((f) => f.status === "pass");
  const failed = report.findings.find((f) => f.status === "fail");
  // The evidence says what value was seen, for passes as for failures.
  expect(passed?.evidence).toEqual([{ path: "encryption.enabled", expected: "equal to true", actual: true }]);
  expect(failed?.evidence).toEqual([{ path: "encryption.enabled", expected: "equal to true", actual: false }]);
  expect(report.findings.find((f) => f.resourceId === EXEMPT)).toMatchObject({ status: "skip", reason: expect.stringMatching(/^exempt: static site/) });
  for (const f of report.findings) expect(f.location).toEqual({ domain: "aws", partition: f.region, root: account });
}

function expectQuiet(full: Pick<RunReport, "findings" | "summary">, quiet: Pick<RunReport, "findings" | "summary">): void {
  expect(quiet.summary).toEqual(full.summary);
  expect(quiet.findings).toEqual(full.findings.filter((f) => f.status === "fail" || f.status === "error"));
  expect(quiet.findings).toHaveLength(full.summary.failed + full.summary.errors);
}

describe("check --json", () => {
  it("lists pass rows with their evidence, fail rows and skip rows for exempt resources; the summary counts them", async () => {
    const checked = await ws.run("check", ENCRYPTED, "--json");
    expect(checked.code).toBe(1);
    expectEveryPair(checked.json<RunReport>());
  });

  it("with --quiet keeps only failures and errors, and the same summary", async () => {
    const full = (await ws.run("check", ENCRYPTED, "--json")).json<RunReport>();
    const quiet = await ws.run("check", ENCRYPTED, "--json", "--quiet");
    expect(quiet.code).toBe(1);
    expectQuiet(full, quiet.json<RunReport>());
  });
});

describe("run --json", () => {
  it("lists every pair, and --quiet only what fails", async () => {
    const full = await ws.run("run", ENCRYPTED, "--json");
    expect(full.code).toBe(1);
    expectEveryPair(full.json<RunReport>());
    expectQuiet(full.json<RunReport>(), (await ws.run("run", ENCRYPTED, "--json", "--quiet")).json<RunReport>());
  });
});

describe("sweep --now --json", () => {
  it("lists every pair per run, and --quiet only what fails per run, with whole totals", async () => {
    const swept = await ws.run("sweep", "--now", "--json");
    expect(swept.code).toBe(1);
    const full = swept.json<SweepResult>();
    expect(full.runs).toHaveLength(1);
    for (const run of full.runs) expectEveryPair(run);
    const quiet = (await ws.run("sweep", "--now", "--json", "--quiet")).json<SweepResult>();
    expect(quiet.totals.resources).toBe(full.totals.resources);
    expect(quiet.runs).toHaveLength(1);
    expectQuiet(full.runs[0] as SweepResult["runs"][number], quiet.runs[0] as SweepResult["runs"][number]);
  });
});

describe("text output", () => {
  it("lists only what needs attention by default, every pair with --all", async () => {
    const text = await ws.run("check", ENCRYPTED);
    expect(text.stdout).toMatch(/Findings \(2 failing\)/);
    expect(text.stdout).not.toMatch(/^PASS /m);
    expect(text.stdout).not.toContain(EXEMPT);
    const all = await ws.run("check", ENCRYPTED, "--all");
    expect(all.code).toBe(1);
    expect(all.stdout).toContain("Findings (10 evaluated pairs, 2 failing)");
    expect(all.stdout).toMatch(/^PASS +ci-artifacts /m);
    expect(all.stdout).toMatch(new RegExp(`^SKIP +${EXEMPT} .*exempt: static site`, "m"));
  });

  it("refuses --quiet with --all (exit 2), naming both", async () => {
    const both = await ws.run("check", ENCRYPTED, "--all", "--quiet");
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--quiet.*--all|--all.*--quiet/);
  });
});
