import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startRun } from "../../graphs/runner.js";
import { newId } from "../../store/index.js";
import { bucketState, driftBucket } from "../helpers/drift.js";
import { createGraphEnv, type GraphEnv } from "../helpers/graph.js";

const INTENT = "Ensure all AWS cloud storage buckets are private and encrypted.";

describe("sweep runs", () => {
  let env: GraphEnv;
  let policyId: string;

  beforeEach(async () => {
    env = await createGraphEnv();
    // Publish the policy and fix the demo account's drift, as a first `agpm run --apply --yes` would.
    const { report } = await startRun(env.deps, env.store.checkpointer, { intent: INTENT, options: env.options({ command: "run", apply: true, autoApprove: true, maxChanges: 100 }) });
    expect(report.status).toBe("completed");
    policyId = report.policy?.id ?? "";
    expect(report.drift?.baseline).toBe(true);
  });
  afterEach(() => env.close());

  const sweep = (overrides: { apply?: boolean; region?: string | null; maxChanges?: number; runId?: string } = {}) =>
    startRun(env.deps, env.store.checkpointer, {
      intent: `sweep ${policyId}`,
      ...(overrides.runId ? { runId: overrides.runId } : {}),
      options: env.options({
        command: "sweep", apply: overrides.apply ?? true, maxChanges: overrides.maxChanges ?? 10, actor: "scheduler",
        sweep: { policyId, region: overrides.region ?? null, sweepId: "swp_test" },
      }),
    });

  it("finds nothing new on a clean account", async () => {
    const { report } = await sweep();
    expect(report.status).toBe("completed");
    expect(report.command).toBe("sweep");
    expect(report.drift).toMatchObject({ baseline: false, drift: 0, stillFailing: 0 });
    expect(report.actions).toEqual([]);
  });

  it("detects a change made behind agpm's back, remediates it, verifies it and records it", async () => {
    const { name } = driftBucket(env.sandboxFile);
    const { report } = await sweep();
    expect(report.status).toBe("completed");
    expect(report.drift?.drift).toBeGreaterThanOrEqual(1);
    expect(report.drift?.changes.every((c) => c.resourceId === name && c.change === "drift")).toBe(true);
    expect(report.actions.length).toBeGreaterThan(0);
    expect(report.actions.every((a) => a.resourceId === name && a.status === "verified")).toBe(true);
    // The file holds the fix again (public access stays blocked by the account-wide setting).
    expect(bucketState(env.sandboxFile, name).encryption).not.toBeNull();
    // Audit: one "applying" and one "verified" event per change, with before and after.
    const audit = await env.store.audit.listAudit({ runId: report.runId });
    const verified = audit.filter((e) => e.result === "verified");
    expect(verified).toHaveLength(report.actions.length);
    expect(verified.every((e) => e.before !== null && e.after !== null && e.actor === "scheduler")).toBe(true);
    expect(audit.filter((e) => e.result === "applying")).toHaveLength(report.actions.length);
    // The drift, the actions and their audit events all name the bucket's location, account included.
    const where = report.findings.find((f) => f.resourceId === name)?.location;
    expect(where?.root).toMatch(/^\d{12}$/);
    expect(report.drift?.changes.map((c) => c.location)).toEqual(report.drift?.changes.map(() => where));
    expect(report.actions.map((a) => a.location)).toEqual(report.actions.map(() => where));
    expect(audit.filter((e) => e.resourceId === name).map((e) => e.location)).toEqual(audit.filter((e) => e.resourceId === name).map(() => where));
    // History: the drift and its remediation, in order.
    const changes = await env.store.history.listChanges({ policyId, resourceId: name });
    expect(new Set(changes.map((c) => c.change))).toEqual(new Set(["drift", "remediated"]));
    expect((await env.store.history.listStates({ policyId, status: "fail" }))).toEqual([]);
    // And the next sweep has nothing to say.
    const next = await sweep();
    expect(next.report.drift).toMatchObject({ drift: 0, stillFailing: 0 });
    expect(next.report.actions).toEqual([]);
  });

  it("only plans in a dry-run sweep, and keeps reporting the resource as still failing", async () => {
    const { name } = driftBucket(env.sandboxFile);
    const first = await sweep({ apply: false });
    expect(first.report.actions.every((a) => a.status === "planned")).toBe(true);
    expect(first.report.actions.length).toBeGreaterThan(0);
    expect(bucketState(env.sandboxFile, name).encryption).toBeNull();
    const second = await sweep({ apply: false });
    expect(second.report.drift).toMatchObject({ drift: 0 });
    expect(second.report.drift?.stillFailing).toBe(first.report.drift?.drift);
  });

  it("waits for approval when the drift exceeds the blast-radius limit", async () => {
    driftBucket(env.sandboxFile, (_b, i) => i === 0);
    driftBucket(env.sandboxFile, (_b, i) => i === 1);
    const { report, pending } = await sweep({ maxChanges: 1 });
    expect(report.status).toBe("awaiting-approval");
    expect(pending?.resources).toBe(2);
    expect(await env.store.audit.listAudit({ runId: report.runId })).toEqual([]);
  });

  it("sweeps one region only when asked, never reporting another region's resources", async () => {
    const { name, region } = driftBucket(env.sandboxFile, (b) => b.Region === "eu-west-1");
    expect(region).toBe("eu-west-1");
    const other = await sweep({ region: "us-east-1", apply: false });
    expect(other.report.findings.every((f) => f.region === "us-east-1")).toBe(true);
    expect(other.report.drift?.drift).toBe(0);
    const same = await sweep({ region: "eu-west-1", apply: false });
    expect(same.report.drift?.changes.map((c) => c.resourceId)).toContain(name);
  });

  it("carries on from its checkpoint when started again with the same run id", async () => {
    driftBucket(env.sandboxFile);
    const runId = newId("run");
    const first = await sweep({ runId });
    const again = await sweep({ runId });
    expect(again.report.runId).toBe(runId);
    expect(again.report.actions).toEqual(first.report.actions);
    const audit = await env.store.audit.listAudit({ runId });
    expect(new Set(audit.map((e) => e.dedupeKey)).size).toBe(audit.length);
  });

  it("does nothing for a retired policy and fails clearly for an unknown one", async () => {
    await env.store.policies.retire(policyId);
    driftBucket(env.sandboxFile);
    const retired = await sweep();
    expect(retired.report.status).toBe("completed");
    expect(retired.report.notes.join(" ")).toMatch(/retired; nothing to sweep/);
    expect(retired.report.actions).toEqual([]);
    const unknown = await startRun(env.deps, env.store.checkpointer, {
      intent: "sweep nope",
      options: env.options({ command: "sweep", sweep: { policyId: "no-such-policy", region: null, sweepId: null } }),
    });
    expect(unknown.report.status).toBe("failed");
    expect(unknown.report.error?.code).toBe("POLICY_NOT_FOUND");
  });
});
