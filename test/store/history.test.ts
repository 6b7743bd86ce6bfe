import { describe, expect, it } from "vitest";
import type { Finding } from "../../contracts/resource.js";
import { eachBackend, sampleFinding, useTempStore } from "./helpers.js";

const bucket = (resourceId: string, status: Finding["status"], region = "eu-west-1") => sampleFinding({ resourceId, status, region });
const everywhere = { regions: null, kinds: ["aws.s3.bucket"] };

eachBackend((kind) => {
  const env = useTempStore(kind);

  async function observe(runId: string, findings: Finding[], coverage: { regions: string[] | null; kinds: string[] } = everywhere) {
    await env.store.runs.createRun({ id: runId, intent: "sweep", kind: "run", target: {}, actor: "scheduler" });
    return env.store.history.recordObservation({ runId, policyId: "s3-private", policyVersion: 1, findings, coverage });
  }

  describe("the first observation of a policy", () => {
    it("is the baseline: failures are recorded as states, not as drift", async () => {
      const result = await observe("run_1", [bucket("a", "fail"), bucket("b", "pass")]);
      expect(result).toMatchObject({ baseline: true, changes: [], stillFailing: 0 });
      const states = await env.store.history.listStates({ policyId: "s3-private" });
      expect(states.map((s) => [s.resourceId, s.status])).toEqual([["a", "fail"], ["b", "pass"]]);
    });
  });

  describe("later observations", () => {
    it("record drift, recovery and still failing; a resource first seen failing is its baseline", async () => {
      await observe("run_1", [bucket("a", "fail"), bucket("b", "pass"), bucket("c", "pass")]);
      const second = await observe("run_2", [bucket("a", "fail"), bucket("b", "fail"), bucket("c", "pass"), bucket("d", "fail")]);
      expect(second.baseline).toBe(false);
      expect(second.stillFailing).toBe(1);
      expect(second.changes.map((c) => [c.resourceId, c.change, c.fromStatus, c.toStatus])).toEqual([
        ["b", "drift", "pass", "fail"],
      ]);
      const third = await observe("run_3", [bucket("a", "pass"), bucket("b", "fail"), bucket("c", "pass"), bucket("d", "fail")]);
      expect(third.changes.map((c) => [c.resourceId, c.change])).toEqual([["a", "recovered"]]);
      expect(third.stillFailing).toBe(2);

      const failing = await env.store.history.listStates({ policyId: "s3-private", status: "fail" });
      expect(failing.map((s) => s.resourceId).sort()).toEqual(["b", "d"]);
      const b = failing.find((s) => s.resourceId === "b");
      // b has been failing since run 2 and was last seen by run 3.
      expect(b?.runId).toBe("run_3");
      expect(b && b.since < b.lastSeen).toBe(true);
      expect((await env.store.history.listChanges({ change: "drift" })).map((c) => [c.runId, c.resourceId])).toEqual([["run_2", "b"]]);
      expect((await env.store.history.listChanges({ resourceId: "a" })).map((c) => c.change)).toEqual(["recovered"]);
    });

    it("take a rule added in a later version as baseline on its first observation, then track its drift", async () => {
      const encrypted = (resourceId: string, status: Finding["status"]) => sampleFinding({ resourceId, status, ruleId: "s3-encrypted", policyVersion: 2 });
      await observe("run_1", [bucket("a", "pass"), bucket("b", "fail")]);
      await env.store.runs.createRun({ id: "run_2", intent: "sweep", kind: "run", target: {}, actor: "scheduler" });
      const v2 = await env.store.history.recordObservation({
        runId: "run_2", policyId: "s3-private", policyVersion: 2, coverage: everywhere,
        findings: [bucket("a", "pass"), bucket("b", "fail"), encrypted("a", "fail"), encrypted("b", "pass")],
      });
      expect(v2.changes).toEqual([]);
      expect(await env.store.history.listChanges({ policyId: "s3-private" })).toEqual([]);
      expect((await env.store.history.listStates({ policyId: "s3-private", status: "fail" })).map((s) => [s.ruleId, s.resourceId])).toEqual([["s3-block-public", "b"], ["s3-encrypted", "a"]]);
      // From then on the new rule drifts like any other.
      await env.store.runs.createRun({ id: "run_3", intent: "sweep", kind: "run", target: {}, actor: "scheduler" });
      const third = await env.store.history.recordObservation({
        runId: "run_3", policyId: "s3-private", policyVersion: 2, coverage: everywhere,
        findings: [bucket("a", "pass"), bucket("b", "fail"), encrypted("a", "fail"), encrypted("b", "fail")],
      });
      expect(third.changes.map((c) => [c.ruleId, c.resourceId, c.change])).toEqual([["s3-encrypted", "b", "drift"]]);
    });

    it("treat a failing resource missing from a covered region as removed, and leave other regions alone", async () => {
      await observe("run_1", [bucket("a", "fail", "eu-west-1"), bucket("z", "fail", "us-east-1")]);
      const result = await observe("run_2", [], { regions: ["eu-west-1"], kinds: ["aws.s3.bucket"] });
      expect(result.changes.map((c) => [c.resourceId, c.change, c.toStatus])).toEqual([["a", "removed", null]]);
      const states = await env.store.history.listStates({ policyId: "s3-private" });
      expect(states.map((s) => s.resourceId)).toEqual(["z"]);
    });

    it("do not treat resources of a kind that could not be listed as gone", async () => {
      await observe("run_1", [bucket("a", "fail")]);
      const result = await observe("run_2", [], { regions: null, kinds: [] });
      expect(result.changes).toEqual([]);
      expect(await env.store.history.listStates({ policyId: "s3-private" })).toHaveLength(1);
    });

    it("are idempotent when a retried step records the same run again", async () => {
      await observe("run_1", [bucket("a", "pass")]);
      const first = await observe("run_2", [bucket("a", "fail")]);
      const again = await env.store.history.recordObservation({ runId: "run_2", policyId: "s3-private", policyVersion: 1, findings: [bucket("a", "fail")], coverage: everywhere });
      expect(again.changes.map((c) => c.id)).toEqual(first.changes.map((c) => c.id));
      expect(await env.store.history.listChanges({ policyId: "s3-private" })).toHaveLength(1);
    });
  });

  describe("remediations", () => {
    it("turn a failing state into pass with a remediated change, once", async () => {
      await observe("run_1", [bucket("a", "pass")]);
      await observe("run_2", [bucket("a", "fail")]);
      const record = { runId: "run_2", policyId: "s3-private", policyVersion: 1, items: [{ kind: "aws.s3.bucket", region: "eu-west-1", resourceId: "a", ruleIds: ["s3-block-public"], summary: "block public access" }] };
      const written = await env.store.history.recordRemediations(record);
      expect(written.map((c) => [c.change, c.fromStatus, c.toStatus, c.reason])).toEqual([["remediated", "fail", "pass", "block public access"]]);
      expect(await env.store.history.recordRemediations(record)).toEqual([]);
      const [state] = await env.store.history.listStates({ policyId: "s3-private" });
      expect(state?.status).toBe("pass");
      // The next sweep sees it passing: nothing more to say.
      const next = await observe("run_3", [bucket("a", "pass")]);
      expect(next.changes).toEqual([]);
    });
  });

  describe("bad input", () => {
    it("is refused with the failing path", async () => {
      await expect(env.store.history.recordObservation({ runId: "", policyId: "p", policyVersion: 1, findings: [], coverage: everywhere })).rejects.toMatchObject({ code: "INPUT_INVALID" });
    });
  });
});
