// Stale runs in the store, on SQLite and PostgreSQL alike: which changes wait for a person, what
// overtakes a paused run's plan, and that a stale run is kept, listed and refused with its reason.
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { decidableRun, markOvertakenRuns, markStale, overtakenBy } from "../../agents/approval/stale.js";
import { pendingChanges } from "../../agents/approval/pending.js";
import { holdPending, resourceKey, type WorkItem } from "../../agents/enforcer/work-items.js";
import { findAction } from "../../engine/registry.js";
import { nextVersion } from "../../engine/version.js";
import { eachBackend, samplePolicy, useTempStore } from "../store/helpers.js";

eachBackend((kind) => {
  const env = useTempStore(kind);

  async function pausedRun(policyId: string, version: number, resourceId: string) {
    const run = await env.store.runs.createRun({ intent: "Ensure all S3 buckets are encrypted", kind: "run", target: { type: "sandbox" }, actor: "alice", policyId, policyVersion: version });
    const result = {
      status: "awaiting-approval", notes: [],
      actions: [
        { resourceId, kind: "aws.s3.bucket", region: "us-east-1", action: "s3.enable-default-encryption", status: "planned", before: { encryption: null }, after: { encryption: "AES256" }, summary: "encrypt" },
        { resourceId: "vol-1", kind: "aws.ebs.volume", region: "us-east-1", action: "ebs.encrypt-volume", status: "manual", before: null, after: null, summary: "manual" },
      ],
    };
    return env.store.runs.updateRun(run.id, { status: "awaiting-approval", result });
  }

  describe("a run paused for approval", () => {
    it("holds its planned automatic changes (not manual ones) for every other run", async () => {
      const policy = await env.store.policies.createPolicy(samplePolicy(), "alice");
      const run = await pausedRun(policy.id, 1, "logs");
      const held = await pendingChanges(env.store, "run_other");
      expect(held.kinds).toEqual([]);
      expect([...held.resources.entries()]).toEqual([[resourceKey("aws.s3.bucket", "us-east-1", "logs"), { runId: run.id, action: "s3.enable-default-encryption" }]]);
      expect((await pendingChanges(env.store, run.id)).resources.size).toBe(0);
      expect(await overtakenBy(env.store, run)).toBeNull();
    });

    it("goes stale when another run changes one of its resources, is listed as stale and refused with the reason", async () => {
      const policy = await env.store.policies.createPolicy(samplePolicy(), "alice");
      const run = await pausedRun(policy.id, 1, "logs");
      await env.store.audit.appendAudit({ actor: "bob", runId: "run_later", resourceId: "logs", kind: "aws.s3.bucket", region: "us-east-1", action: "s3.enable-default-encryption", result: "verified" });
      await markOvertakenRuns(env.store, "run_later");
      const stale = await env.store.runs.getRun(run.id);
      expect(stale).toMatchObject({ status: "stale", error: { code: "RUN_STALE", message: expect.stringContaining("run run_later changed logs") } });
      expect((stale?.result as { status: string }).status).toBe("stale");
      expect((await env.store.runs.listRuns({ status: "stale" })).map((r) => r.id)).toEqual([run.id]);
      await expect(decidableRun(env.store, run.id)).rejects.toMatchObject({ code: "RUN_STALE", message: expect.stringContaining("run run_later changed logs") });
      expect((await pendingChanges(env.store, "run_other")).resources.size).toBe(0);
    });

    it("goes stale, when a person tries to decide, once its policy has a newer version or is retired", async () => {
      const policy = await env.store.policies.createPolicy(samplePolicy(), "alice");
      const first = await pausedRun(policy.id, 1, "logs");
      await env.store.policies.addVersion(nextVersion(policy, { mode: "audit", intent: "report only" }), "bob");
      await expect(decidableRun(env.store, first.id)).rejects.toMatchObject({ code: "RUN_STALE", message: expect.stringContaining("newer version (v2)") });
      const second = await pausedRun(policy.id, 2, "data");
      await env.store.policies.retire(policy.id);
      await expect(decidableRun(env.store, second.id)).rejects.toMatchObject({ code: "RUN_STALE", message: expect.stringContaining("was retired") });
      expect((await env.store.audit.listAudit({ runId: second.id })).map((e) => e.result)).toEqual(["stale"]);
    });

    it("is not marked stale once a decision got there first", async () => {
      const policy = await env.store.policies.createPolicy(samplePolicy(), "alice");
      const run = await pausedRun(policy.id, 1, "logs");
      await env.store.runs.updateRun(run.id, { status: "completed" });
      expect((await markStale(env.store, run, "too late")).status).toBe("completed");
      expect(await env.store.audit.listAudit({ runId: run.id })).toEqual([]);
    });
  });

  describe("a paused run whose stored plan cannot be read", () => {
    const item = (kind: string, id: string, action: string): WorkItem => {
      const found = findAction(action);
      if (!found) throw new Error(`no action ${action}`);
      return { resource: { id, kind, region: "us-east-1" } as WorkItem["resource"], action: found, params: {}, rules: [] };
    };
    const bucket = item("aws.s3.bucket", "data", "s3.enable-default-encryption");
    const instance = item("aws.ec2.instance", "i-1", "ec2.require-imdsv2");

    it("is listed all the same, and holds every resource of its policy's kinds (fails closed)", async () => {
      const policy = await env.store.policies.createPolicy(samplePolicy(), "alice");
      const run = await pausedRun(policy.id, 1, "logs");
      await sql`update runs set result = ${"{torn"} where id = ${run.id}`.execute(env.store.db);
      const holds = await pendingChanges(env.store, "run_other");
      expect(holds.resources.size).toBe(0);
      expect(holds.kinds).toEqual([{ by: { runId: run.id, action: null, unreadable: { reason: expect.stringContaining("not valid JSON"), policyId: policy.id } }, kinds: new Set(["aws.s3.bucket"]) }]);
      const { free, held } = holdPending([bucket, instance], holds);
      expect(held.map((h) => h.item)).toEqual([bucket]);
      expect(free).toEqual([instance]);
    });

    it("holds every kind when its policy cannot be read either", async () => {
      const run = await pausedRun("no-such-policy", 1, "logs");
      await env.store.runs.updateRun(run.id, { result: { actions: "lost" } });
      const { free, held } = holdPending([bucket, instance], await pendingChanges(env.store, "run_other"));
      expect(held.map((h) => h.by.runId)).toEqual([run.id, run.id]);
      expect(free).toEqual([]);
    });
  });
});
