// The dashboard's read models on both store engines: counts per policy and status, changes per
// hour or day, a filtered page of statuses with their reasons, and the audit log's keyset pages.
import { describe, expect, it } from "vitest";
import { allAudit, allStates, auditPage, changeBuckets, lastRunByPolicy, postureByPolicy, statePartitions, statesPage } from "../../dashboard/queries.js";
import { eachBackend, sampleFinding, samplePolicy, useTempStore } from "../store/helpers.js";

const COVERAGE = { regions: null, kinds: ["aws.s3.bucket"] };

eachBackend((kind) => {
  const env = useTempStore(kind);

  async function observe(runId: string, statuses: Record<string, "pass" | "fail" | "skip">): Promise<void> {
    await env.store.runs.createRun({ id: runId, intent: "s3", kind: "run", target: { type: "sandbox" }, actor: "t" });
    const findings = Object.entries(statuses).map(([resourceId, status]) => sampleFinding({ resourceId, status, reason: `${resourceId} is ${status}` }));
    await env.store.findings.insertFindings(runId, findings);
    await env.store.history.recordObservation({ runId, policyId: "s3-private", policyVersion: 1, findings, coverage: COVERAGE });
  }

  describe("when statuses and changes are recorded", () => {
    it("counts pairs per policy and status, and changes per bucket, in SQL", async () => {
      await env.store.policies.createPolicy(samplePolicy(), "t");
      await observe("run_1", { a: "fail", b: "pass", "c%_1": "pass" });
      await observe("run_2", { a: "pass", b: "fail", "c%_1": "skip", d: "fail" });
      expect(await postureByPolicy(env.store)).toEqual(new Map([["s3-private", { pass: 1, fail: 2, error: 0, skip: 1 }]]));
      expect(await postureByPolicy(env.store, "other")).toEqual(new Map());

      const days = await changeBuckets(env.store, new Date("2024-12-31T00:00:00Z"), "day");
      expect(days.map(({ bucket, change, count }) => ({ bucket, change, count })).sort((x, y) => x.change.localeCompare(y.change)))
        // b drifted (pass → fail); d, first seen failing, is its own baseline.
        .toEqual([{ bucket: "2025-01-01", change: "drift", count: 1 }, { bucket: "2025-01-01", change: "recovered", count: 1 }]);
      const hours = await changeBuckets(env.store, new Date("2024-12-31T00:00:00Z"), "hour", "s3-private");
      expect(new Set(hours.map((h) => h.bucket))).toEqual(new Set(["2025-01-01T00"]));
      expect(await changeBuckets(env.store, new Date("2025-02-01T00:00:00Z"), "day")).toEqual([]);
    });

    it("pages statuses failing first, filters them (LIKE wildcards taken literally), and gives each its reason", async () => {
      await env.store.policies.createPolicy(samplePolicy(), "t");
      await observe("run_1", { a: "fail", b: "pass", "c%_1": "pass", cx1: "pass" });
      const all = await statesPage(env.store, {}, 2, 0);
      expect(all.total).toBe(4);
      expect(all.rows.map((r) => [r.resourceId, r.status, r.reason])).toEqual([["a", "fail", "a is fail"], ["b", "pass", "b is pass"]]);
      expect((await statesPage(env.store, {}, 2, 2)).rows.map((r) => r.resourceId)).toEqual(["c%_1", "cx1"]);
      expect((await statesPage(env.store, { resource: "%_" }, 10, 0)).rows.map((r) => r.resourceId)).toEqual(["c%_1"]);
      expect((await statesPage(env.store, { status: "pass", policy: "s3-private" }, 10, 0)).total).toBe(3);
      expect((await statesPage(env.store, { policy: "none" }, 10, 0))).toEqual({ total: 0, rows: [] });
    });

    it("gives each status its rule's severity, filters by severity and region, and reads all for an export", async () => {
      await env.store.policies.createPolicy(samplePolicy(), "t");
      await env.store.runs.createRun({ id: "run_1", intent: "s3", kind: "run", target: { type: "sandbox" }, actor: "t" });
      const findings = [sampleFinding({ resourceId: "a", status: "fail" }), sampleFinding({ resourceId: "b", status: "pass", region: "us-east-1" })];
      await env.store.findings.insertFindings("run_1", findings);
      await env.store.history.recordObservation({ runId: "run_1", policyId: "s3-private", policyVersion: 1, findings, coverage: COVERAGE });
      const all = await statesPage(env.store, {}, 10, 0);
      expect(all.rows.map((r) => [r.resourceId, r.severity])).toEqual([["a", "high"], ["b", "high"]]);
      expect((await statesPage(env.store, { severity: "high", region: "us-east-1" }, 10, 0)).rows.map((r) => r.resourceId)).toEqual(["b"]);
      expect(await statesPage(env.store, { severity: "low" }, 10, 0)).toEqual({ rows: [], total: 0 });
      expect(await statePartitions(env.store)).toEqual(["eu-west-1", "us-east-1"]);
      expect((await allStates(env.store, { severity: "high" }, 1)).rows).toHaveLength(1);
      expect((await allStates(env.store, {}, 100)).rows.map((r) => r.resourceId)).toEqual(["a", "b"]);
      // A later domain's partition filters the same way, by its location, not an AWS region.
      const pod = sampleFinding({ resourceId: "web", kind: "k8s.pod", region: "", location: { domain: "k8s", partition: "payments", root: "prod-cluster" } });
      await env.store.history.recordObservation({ runId: "run_2", policyId: "s3-private", policyVersion: 1, findings: [pod], coverage: { partitions: ["payments"], kinds: ["k8s.pod"] } });
      const payments = await statesPage(env.store, { partition: "payments" }, 10, 0);
      expect(payments.rows.map((r) => [r.resourceId, r.location])).toEqual([["web", { domain: "k8s", partition: "payments", root: "prod-cluster" }]]);
    });

    it("finds each policy's newest run", async () => {
      await env.store.policies.createPolicy(samplePolicy(), "t");
      for (const id of ["run_a", "run_b"]) {
        await env.store.runs.createRun({ id, intent: "s3", kind: "run", target: { type: "sandbox" }, actor: "t" });
        await env.store.runs.updateRun(id, { status: "completed", policyId: "s3-private", policyVersion: 1 });
      }
      await env.store.runs.createRun({ id: "run_none", intent: "s3", kind: "check", target: { type: "sandbox" }, actor: "t" });
      const latest = await lastRunByPolicy(env.store);
      expect([...latest.keys()]).toEqual(["s3-private"]);
      expect(latest.get("s3-private")?.status).toBe("completed");
      expect(["run_a", "run_b"]).toContain(latest.get("s3-private")?.id);
    });

    it("pages the audit log newest first without repeating or skipping an event", async () => {
      for (let i = 0; i < 5; i++) await env.store.audit.appendAudit({ actor: i % 2 ? "alice" : "bob", result: "ok", detail: `e${i}` });
      const first = await auditPage(env.store, {}, 2, null);
      const second = await auditPage(env.store, {}, 2, first.next);
      const third = await auditPage(env.store, {}, 2, second.next);
      expect([...first.items, ...second.items, ...third.items].map((e) => e.detail)).toEqual(["e4", "e3", "e2", "e1", "e0"]);
      expect(third.next).toBeNull();
      expect((await auditPage(env.store, { actor: "alice" }, 10, null)).items.map((e) => e.detail)).toEqual(["e3", "e1"]);
      expect((await allAudit(env.store, {}, 4)).map((e) => e.detail)).toEqual(["e4", "e3", "e2", "e1"]);
    });
  });
});
