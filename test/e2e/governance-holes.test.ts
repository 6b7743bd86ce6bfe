// What a check leaves behind (its run record only) and how an exemption is counted (skipped, never passed).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunReport } from "../../agents/reporter/report.js";
import { createWorkspace, type CliWorkspace } from "../helpers/cli.js";
import { publicBuckets, unencryptedBuckets } from "../helpers/oracle.js";

const PRIVATE_ENCRYPTED = "Ensure all AWS cloud storage buckets are private and encrypted.";
type Findings = { findings: Array<{ runId: string; resourceId: string; status: string }> };

let ws: CliWorkspace;
beforeEach(async () => {
  ws = createWorkspace({ AGPM_ACTOR: "carol" });
  expect((await ws.run("sandbox", "init")).code).toBe(0);
});
afterEach(() => ws.cleanup());

describe("when a user runs agpm check", () => {
  it("stores only the run record: its findings appear neither in agpm findings nor in drift", async () => {
    const check = await ws.run("check", PRIVATE_ENCRYPTED, "--json");
    expect(check.code).toBe(1);
    const report = check.json<RunReport>();
    expect(report.findings.length).toBeGreaterThan(0);
    expect((await ws.run("findings", "--json")).json<Findings>().findings).toEqual([]);
    expect((await ws.run("findings", "--run", report.runId, "--all", "--json")).json<Findings>().findings).toEqual([]);
    expect((await ws.run("policies", "--json")).json<{ policies: unknown[] }>().policies).toEqual([]);
    const runs = (await ws.run("runs", "--json")).json<{ runs: Array<{ id: string; kind: string }> }>().runs;
    expect(runs.map((r) => [r.id, r.kind])).toEqual([[report.runId, "check"]]);
  });

  it("leaves a governed policy's findings as its last run recorded them", async () => {
    const run = (await ws.run("run", PRIVATE_ENCRYPTED, "--json")).json<RunReport>();
    const before = (await ws.run("findings", "--json")).json<Findings>().findings;
    expect(before.length).toBeGreaterThan(0);
    const check = (await ws.run("check", PRIVATE_ENCRYPTED, "--json")).json<RunReport>();
    expect(check.policy?.id).toBe(run.policy?.id);
    const after = (await ws.run("findings", "--json")).json<Findings>().findings;
    expect(after).toEqual(before);
    expect(new Set(after.map((f) => f.runId))).toEqual(new Set([run.runId]));
    expect((await ws.run("drift", "--json")).json<{ changes: unknown[] }>().changes).toEqual([]);
  });
});

describe("when a resource is exempt from one rule and passes the others", () => {
  it("counts it as skipped, never passed, in the report and the text summary", async () => {
    const doc = ws.sandbox();
    const exempted = publicBuckets(doc).find((b) => !unencryptedBuckets(doc).includes(b)) ?? "";
    expect(exempted).not.toBe("");
    const clean = doc.s3.buckets.filter((b) => !publicBuckets(doc).includes(b.Name) && !unencryptedBuckets(doc).includes(b.Name)).length;
    await ws.run("run", PRIVATE_ENCRYPTED);
    const exempt = await ws.run("run", `Exempt bucket ${exempted} from the public-access rule until 2099-03-31, reason: static site`, "--soft-fail", "--json");
    expect(exempt.code, exempt.stderr).toBe(0);
    const report = exempt.json<RunReport>();
    expect(report.summary).toMatchObject({ passed: clean, skipped: 1 });
    const text = await ws.run("check", PRIVATE_ENCRYPTED, "--soft-fail");
    expect(text.stdout).toContain(`${doc.s3.buckets.length} resources: ${clean} passed, `);
    expect(text.stdout).toMatch(/, 1 skipped\. Run /);
    // Not public is a critical rule, encryption a high one; the exempt bucket is in neither count.
    expect(text.stdout).toContain(`Still failing after this run: ${publicBuckets(doc).length - 1} critical, ${unencryptedBuckets(doc).length} high.`);
  });
});
