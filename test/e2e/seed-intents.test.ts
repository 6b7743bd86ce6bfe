// The four seed intents, end to end through the real CLI against a generated sandbox account.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunReport } from "../../agents/reporter/report.js";
import { createWorkspace, type CliWorkspace } from "../helpers/cli.js";
import { imdsV1Instances, instancesOutsideAsg, publicBuckets, unencryptedBuckets, unencryptedFileSystems } from "../helpers/oracle.js";

const SEED_1 = "Ensure all AWS cloud storage buckets are private and encrypted.";
const SEED_2 = "Update existing rule for EFS to enforce encryption at rest.";
const SEED_3 = "Validate EC2 instances have autoscaling enabled.";
const SEED_4 = "Require IMDSv2 on all EC2 instances in us-east-1.";

const failing = (report: RunReport, ruleId: string) =>
  report.findings.filter((f) => f.ruleId === ruleId && f.status === "fail").map((f) => f.resourceId).sort();

let ws: CliWorkspace;
beforeEach(async () => {
  ws = createWorkspace();
  expect((await ws.run("sandbox", "init")).code).toBe(0);
});
afterEach(() => ws.cleanup());

describe("when the intent is seed 1 (buckets private and encrypted)", () => {
  it("finds exactly the drifted buckets, fixes them with --apply, and a second check passes", async () => {
    const before = ws.sandbox();
    const check = await ws.run("check", SEED_1, "--json");
    expect(check.code).toBe(1);
    const report = check.json<RunReport>();
    expect(report.policy?.rules.map((r) => r.id).sort()).toEqual(["s3.bucket-encrypted", "s3.bucket-not-public"]);
    expect(failing(report, "s3.bucket-encrypted")).toEqual(unencryptedBuckets(before));
    expect(failing(report, "s3.bucket-not-public")).toEqual(publicBuckets(before));
    expect(publicBuckets(before).length).toBeGreaterThan(0);
    expect(report.actions).toEqual([]);

    const applied = await ws.run("run", SEED_1, "--apply", "--json");
    expect(applied.code).toBe(0);
    const result = applied.json<RunReport>();
    expect(result.actions.length).toBe(unencryptedBuckets(before).length + publicBuckets(before).length);
    expect(result.actions.every((a) => a.status === "verified")).toBe(true);

    const after = ws.sandbox();
    expect(unencryptedBuckets(after)).toEqual([]);
    expect(publicBuckets(after)).toEqual([]);
    const recheck = await ws.run("check", SEED_1, "--json");
    expect(recheck.code).toBe(0);
    expect(recheck.json<RunReport>().summary.failed).toBe(0);

    const audit = (await ws.run("audit", "--run", result.runId, "--json")).json<{ events: Array<{ result: string; resourceId: string | null; before: unknown; after: unknown }> }>();
    const changes = audit.events.filter((e) => e.result === "verified");
    expect(changes.map((e) => e.resourceId).sort()).toEqual(result.actions.map((a) => a.resourceId).sort());
    expect(changes.every((e) => e.before !== null && e.after !== null)).toBe(true);
  });

  it("is idempotent: applying twice changes nothing the second time and audits nothing twice", async () => {
    const first = (await ws.run("run", SEED_1, "--apply", "--json")).json<RunReport>();
    const fileAfterFirst = JSON.stringify(ws.sandbox());
    const second = await ws.run("run", SEED_1, "--apply", "--json");
    expect(second.code).toBe(0);
    expect(second.json<RunReport>().actions).toEqual([]);
    expect(JSON.stringify(ws.sandbox())).toBe(fileAfterFirst);
    const events = (await ws.run("audit", "--json")).json<{ events: Array<{ runId: string; result: string }> }>().events;
    expect(events.filter((e) => e.result === "verified").every((e) => e.runId === first.runId)).toBe(true);
    const policies = (await ws.run("policies", "list", "--json")).json<{ policies: Array<{ id: string; version: number }> }>().policies;
    expect(policies).toHaveLength(1);
    expect(policies[0]?.version).toBe(1);
  });

  it("plans without changing anything when --apply is not given", async () => {
    const before = JSON.stringify(ws.sandbox());
    const run = await ws.run("run", SEED_1);
    expect(run.code).toBe(1); // a dry run leaves its planned fixes failing
    expect(run.stdout).toContain("Changes it would make (dry run)");
    expect(run.stdout).toContain("Re-run with --apply");
    expect(JSON.stringify(ws.sandbox())).toBe(before);
  });
});

describe("when the intent is seed 2 (update the EFS rule)", () => {
  it("says no EFS policy exists yet and offers to create it", async () => {
    const run = await ws.run("run", SEED_2);
    expect(run.code).toBe(2);
    expect(run.stdout + run.stderr).toMatch(/No existing policy governs EFS file systems.*--yes/s);
    expect((await ws.run("policies", "list", "--json")).json<{ policies: unknown[] }>().policies).toEqual([]);
  });

  it("creates it when the offer is accepted with --yes", async () => {
    const run = await ws.run("run", SEED_2, "--yes", "--json");
    expect(run.code).toBe(1); // a dry run: the unencrypted file systems still fail
    expect(run.json<RunReport>().policy?.version).toBe(1);
  });

  it("makes version n+1 of the existing EFS policy and keeps version n", async () => {
    const created = (await ws.run("run", "Ensure EFS file systems have automatic backups enabled", "--json")).json<RunReport>();
    expect(created.policy?.rules.map((r) => r.id)).toEqual(["efs.backup-enabled"]);
    const updated = await ws.run("run", SEED_2, "--apply", "--json");
    expect(updated.code).toBe(1); // encryption at rest is a manual fix: still failing
    const report = updated.json<RunReport>();
    expect(report.policy?.id).toBe(created.policy?.id);
    expect(report.policy?.version).toBe(2);
    expect(report.policy?.rules.map((r) => r.id).sort()).toEqual(["efs.backup-enabled", "efs.encrypted"]);
    expect(failing(report, "efs.encrypted")).toEqual(unencryptedFileSystems(ws.sandbox()));
    // Encryption at rest cannot be changed in place: reported as manual, never "fixed".
    const encryption = report.actions.filter((a) => a.action === "efs.encrypt-at-rest");
    expect(encryption.length).toBe(unencryptedFileSystems(ws.sandbox()).length);
    expect(encryption.every((a) => a.status === "manual")).toBe(true);
    expect(unencryptedFileSystems(ws.sandbox()).length).toBeGreaterThan(0);
    const history = (await ws.run("policies", "history", created.policy?.id ?? "", "--json")).json<{ versions: Array<{ version: number; policy: { rules: unknown[] } }> }>();
    expect(history.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(history.versions[0]?.policy.rules).toHaveLength(1);
  });
});

describe("when the intent is seed 3 (validate autoscaling)", () => {
  it("reports the instances outside any Auto Scaling group and never remediates, even with --apply", async () => {
    const before = JSON.stringify(ws.sandbox());
    const run = await ws.run("run", SEED_3, "--apply", "--json");
    expect(run.code).toBe(1); // check-only: what fails stays failing
    const report = run.json<RunReport>();
    expect(report.plan?.operation).toBe("check-only");
    expect(report.policy?.mode).toBe("audit");
    expect(failing(report, "ec2.in-autoscaling-group")).toEqual(instancesOutsideAsg(ws.sandbox()));
    expect(report.actions).toEqual([]);
    expect(JSON.stringify(ws.sandbox())).toBe(before);
  });
});

describe("when the intent is seed 4 (IMDSv2 in us-east-1)", () => {
  it("fixes IMDSv1 instances in us-east-1 only", async () => {
    const before = ws.sandbox();
    expect(imdsV1Instances(before, "eu-west-1").length).toBeGreaterThan(0);
    const run = await ws.run("run", SEED_4, "--apply", "--json");
    expect(run.code).toBe(0);
    const report = run.json<RunReport>();
    expect(report.policy?.scope).toEqual({ regions: ["us-east-1"] });
    expect(failing(report, "ec2.imdsv2-required")).toEqual(imdsV1Instances(before, "us-east-1"));
    const after = ws.sandbox();
    expect(imdsV1Instances(after, "us-east-1")).toEqual([]);
    expect(imdsV1Instances(after, "eu-west-1")).toEqual(imdsV1Instances(before, "eu-west-1"));
  });
});

describe("when the intent retires a policy", () => {
  it("retires the policy governing the named kind and audits it", async () => {
    const created = (await ws.run("run", "Ensure EFS file systems have automatic backups enabled", "--json")).json<RunReport>();
    const retired = await ws.run("run", "Retire the EFS backup policy");
    expect(retired.code).toBe(0);
    expect(retired.stdout).toContain(`Retired policy ${created.policy?.id}`);
    const policies = (await ws.run("policies", "list", "--json")).json<{ policies: Array<{ id: string; status: string }> }>().policies;
    expect(policies).toEqual([expect.objectContaining({ id: created.policy?.id, status: "retired" })]);
    const events = (await ws.run("audit", "--policy", created.policy?.id ?? "", "--json")).json<{ events: Array<{ result: string }> }>().events;
    expect(events.map((e) => e.result)).toContain("policy-retired");
  });
});
