import { sql } from "kysely";
import type { Kysely } from "kysely";
import { describe, expect, it } from "vitest";
import type { Finding } from "../../contracts/resource.js";
import type { Database } from "../../store/index.js";
import { FINDINGS_PER_STATEMENT } from "../../store/index.js";
import { eachBackend, sampleFinding, useTempStore } from "./helpers.js";
import type { BackendKind } from "./helpers.js";

/** A test-only trigger that rejects the row for resource "poison", in each engine's dialect. */
async function poisonTrigger(kind: BackendKind, db: Kysely<Database>): Promise<void> {
  if (kind === "sqlite") {
    await sql`create trigger poison before insert on findings when new.resource_id = 'poison' begin select raise(abort, 'poisoned row'); end`.execute(db);
    return;
  }
  await sql`create function poison() returns trigger language plpgsql as $$ begin if new.resource_id = 'poison' then raise exception 'poisoned row'; end if; return new; end $$`.execute(db);
  await sql`create trigger poison before insert on findings for each row execute function poison()`.execute(db);
}

eachBackend((kind) => {
  const env = useTempStore(kind);

  async function completedRun(findings: Finding[], status: "completed" | "failed" = "completed"): Promise<string> {
    const run = await env.store.runs.createRun({ intent: "check", kind: "check", target: { type: "sandbox" }, actor: "scheduler" });
    await env.store.findings.insertFindings(run.id, findings);
    await env.store.runs.updateRun(run.id, { status });
    return run.id;
  }

  describe("a run's working findings (written as evaluated, read back by the enforcer and the report)", () => {
    const resource = { kind: "aws.s3.bucket", id: "b-1", region: "eu-west-1", account: "123456789012", name: "b-1", tags: {}, encryption: { enabled: false } };

    it("pages them in evaluation order, failing ones with their snapshot, and a retried evaluation starts afresh", async () => {
      const run = await env.store.runs.createRun({ intent: "x", kind: "check", target: {}, actor: "a" });
      const batch = Array.from({ length: 5 }, (_, i) => ({ finding: sampleFinding({ resourceId: `b-${i}`, status: i === 1 ? "fail" : "pass" }), ...(i === 1 ? { resource } : {}) }));
      expect(await env.store.findings.appendRunFindings(run.id, 0, batch)).toBe(5);
      await env.store.findings.appendRunFindings(run.id, 5, [{ finding: sampleFinding({ resourceId: "b-5", status: "pass" }) }]);

      const first = await env.store.findings.readRunFindings(run.id, { limit: 4 });
      expect(first.map((r) => r.finding.resourceId)).toEqual(["b-0", "b-1", "b-2", "b-3"]);
      const rest = await env.store.findings.readRunFindings(run.id, { after: first[3]!.seq });
      expect(rest.map((r) => r.finding.resourceId)).toEqual(["b-4", "b-5"]);
      const failing = await env.store.findings.readRunFindings(run.id, { failing: true });
      expect(failing.map((r) => [r.finding.resourceId, r.resource])).toEqual([["b-1", resource]]);
      // Working rows are not the findings table: a check's stay out of `agpm findings`.
      expect(await env.store.findings.listFindings({ runId: run.id })).toEqual([]);

      expect(await env.store.findings.clearRunFindings(run.id)).toBe(6);
      expect(await env.store.findings.readRunFindings(run.id)).toEqual([]);
    });
  });

  describe("when a large batch of findings is inserted", () => {
    it("stores every row across several statements, in order, with evidence intact", async () => {
      const count = FINDINGS_PER_STATEMENT * 2 + 17;
      const findings = Array.from({ length: count }, (_, i) =>
        sampleFinding({ resourceId: `bucket-${i}`, status: i % 3 === 0 ? "pass" : "fail", evidence: [{ path: "p", expected: "eq true", actual: { i, deep: [i, null] } }] }),
      );
      const run = await env.store.runs.createRun({ intent: "x", kind: "check", target: {}, actor: "a" });
      expect(await env.store.findings.insertFindings(run.id, findings)).toBe(count);

      const stored = await env.store.findings.listFindings({ runId: run.id });
      expect(stored).toHaveLength(count);
      expect(stored.map((finding) => finding.resourceId)).toEqual(findings.map((finding) => finding.resourceId));
      expect(stored[count - 1]!.evidence).toEqual([{ path: "p", expected: "eq true", actual: { i: count - 1, deep: [count - 1, null] } }]);
      expect(new Set(stored.map((finding) => finding.id)).size).toBe(count);
    });

    it("writes nothing when one finding is invalid", async () => {
      const run = await env.store.runs.createRun({ intent: "x", kind: "check", target: {}, actor: "a" });
      const bad = { ...sampleFinding(), status: "maybe" } as unknown as Finding;
      await expect(env.store.findings.insertFindings(run.id, [sampleFinding(), bad])).rejects.toMatchObject({ code: "INPUT_INVALID" });
      expect(await env.store.findings.listFindings({ runId: run.id })).toEqual([]);
    });

    it("rolls back the whole batch when a later statement fails", async () => {
      // A test-only trigger rejects one row of the second statement, after the first has been written.
      await poisonTrigger(kind, env.store.db);
      const run = await env.store.runs.createRun({ intent: "x", kind: "check", target: {}, actor: "a" });
      const findings = Array.from({ length: FINDINGS_PER_STATEMENT + 5 }, (_, i) => sampleFinding({ resourceId: `b-${i}` }));
      findings[FINDINGS_PER_STATEMENT + 2] = sampleFinding({ resourceId: "poison" });
      await expect(env.store.findings.insertFindings(run.id, findings)).rejects.toMatchObject({ code: "STORE_ERROR" });
      expect(await env.store.findings.listFindings({ runId: run.id })).toEqual([]);
    });

    it("refuses findings for a run that does not exist", async () => {
      await expect(env.store.findings.insertFindings("run_unknown", [sampleFinding()])).rejects.toMatchObject({ code: "STORE_ERROR" });
    });
  });

  describe("when findings are queried", () => {
    it("filters by run, policy and status, and limits", async () => {
      const first = await completedRun([
        sampleFinding({ resourceId: "a", status: "fail" }),
        sampleFinding({ resourceId: "b", status: "pass" }),
        sampleFinding({ policyId: "ebs-encrypted", resourceId: "vol-1", status: "fail" }),
      ]);
      const second = await completedRun([sampleFinding({ resourceId: "c", status: "fail" })]);

      expect((await env.store.findings.listFindings({ runId: first })).map((f) => f.resourceId)).toEqual(["a", "b", "vol-1"]);
      expect((await env.store.findings.listFindings({ policyId: "s3-private", status: "fail" })).map((f) => [f.runId, f.resourceId])).toEqual([
        [first, "a"],
        [second, "c"],
      ]);
      expect((await env.store.findings.listFindings({ status: "fail", limit: 2 })).map((f) => f.resourceId)).toEqual(["a", "vol-1"]);
    });

    it("gives, per policy, the findings of its most recent completed run only", async () => {
      await completedRun([sampleFinding({ resourceId: "old-1" }), sampleFinding({ policyId: "ebs-encrypted", resourceId: "vol-old" })]);
      const newest = await completedRun([sampleFinding({ resourceId: "new-1" }), sampleFinding({ resourceId: "new-2", status: "pass" })]);
      await completedRun([sampleFinding({ resourceId: "from-failed-run" })], "failed");
      const running = await env.store.runs.createRun({ intent: "x", kind: "check", target: {}, actor: "a" });
      await env.store.findings.insertFindings(running.id, [sampleFinding({ resourceId: "in-flight" })]);

      const latest = await env.store.findings.latestFindings();
      expect(latest.map((f) => [f.policyId, f.resourceId])).toEqual([
        ["ebs-encrypted", "vol-old"],
        ["s3-private", "new-1"],
        ["s3-private", "new-2"],
      ]);
      expect(latest.filter((f) => f.policyId === "s3-private").every((f) => f.runId === newest)).toBe(true);
      expect((await env.store.findings.latestFindings({ policyId: "ebs-encrypted" })).map((f) => f.resourceId)).toEqual(["vol-old"]);
      expect(await env.store.findings.latestFindings({ policyId: "unknown" })).toEqual([]);
    });

    it("breaks a tie between runs created in the same instant by creation order", async () => {
      const frozen = await env.reopen({ now: () => new Date("2025-06-01T00:00:00Z") });
      try {
        for (const resourceId of ["first", "second"]) {
          const run = await frozen.runs.createRun({ intent: "x", kind: "check", target: {}, actor: "a" });
          await frozen.findings.insertFindings(run.id, [sampleFinding({ resourceId })]);
          await frozen.runs.updateRun(run.id, { status: "completed" });
        }
        expect((await frozen.findings.latestFindings()).map((f) => f.resourceId)).toEqual(["second"]);
      } finally {
        await frozen.close();
      }
    });
  });
});
