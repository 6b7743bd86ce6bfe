// Policy lifecycle by prompt: exemptions with reason, expiry and owner; explain without an account.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunReport } from "../../agents/reporter/report.js";
import { createWorkspace, type CliWorkspace } from "../helpers/cli.js";
import { publicBuckets } from "../helpers/oracle.js";

let ws: CliWorkspace;
beforeEach(async () => {
  ws = createWorkspace({ AGPM_ACTOR: "carol" });
  await ws.run("sandbox", "init");
});
afterEach(() => ws.cleanup());

describe("when an intent exempts a resource", () => {
  it("adds a version with the exemption, and the resource is reported as skip, never pass", async () => {
    const exempted = publicBuckets(ws.sandbox())[0] ?? "";
    expect(exempted).not.toBe("");
    const created = (await ws.run("run", "Ensure all S3 buckets are private", "--json")).json<RunReport>();
    const run = await ws.run("run", `Exempt bucket ${exempted} from the public-access rule until 2099-03-31, reason: static site`, "--json");
    expect(run.code).toBe(1); // a dry run: the other public buckets still fail
    const report = run.json<RunReport>();
    expect(report.policy).toMatchObject({ id: created.policy?.id, version: 2 });
    // The report lists every pair: the exempt bucket is there as skip, with the exemption's reason.
    expect(report.findings.filter((f) => f.resourceId === exempted)).toEqual([expect.objectContaining({ status: "skip", reason: "exempt: static site (until 2099-03-31, owner carol)" })]);
    expect(report.summary.skipped).toBe(1);
    const all = (await ws.run("findings", "--run", report.runId, "--all", "--json")).json<{ findings: Array<{ resourceId: string; status: string; reason: string }> }>().findings;
    expect(all.find((f) => f.resourceId === exempted)).toMatchObject({ status: "skip", reason: "exempt: static site (until 2099-03-31, owner carol)" });
    const history = (await ws.run("policies", "history", created.policy?.id ?? "", "--json")).json<{ versions: Array<{ changes: string[] }> }>();
    expect(history.versions[1]?.changes.join(" ")).toContain(`exemption added: ex-1 for ${exempted}`);
    // The exempted bucket is left alone by enforcement.
    const applied = (await ws.run("run", "Ensure all S3 buckets are private", "--apply", "--json")).json<RunReport>();
    expect(applied.actions.map((a) => a.resourceId)).not.toContain(exempted);
    expect(publicBuckets(ws.sandbox())).toEqual([exempted]);
  });

  it("refuses an exemption without a reason, or one that has already expired", async () => {
    await ws.run("run", "Ensure all S3 buckets are private");
    const noReason = await ws.run("run", "Exempt bucket www-assets from the public-access rule until 2099-01-01");
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain("needs a reason");
    const expired = await ws.run("run", "Exempt bucket www-assets from the public-access rule until 2001-01-01, reason: legacy");
    expect(expired.code).toBe(2);
    expect(expired.stderr).toContain("already have expired");
  });
});

describe("when an intent is explained", () => {
  it("renders the policy in plain words from the IR and proves it, reading no account", async () => {
    const result = await ws.run("explain", "Ensure all S3 buckets in eu-west-1 are private and encrypted", "--json");
    expect(result.code).toBe(0);
    const report = result.json<RunReport>();
    expect(report.command).toBe("explain");
    expect(report.policy?.explanation).toContain("Every S3 bucket in eu-west-1 must");
    expect(report.summary.resources).toBe(0);
    const human = await ws.run("explain", "Ensure all S3 buckets in eu-west-1 are private and encrypted");
    expect(human.stdout).toContain("Proved: every rule passes a synthesised compliant resource");
  });
});
