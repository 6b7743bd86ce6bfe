import { describe, expect, it } from "vitest";
import { AgpmError } from "../../core/errors.js";
import { useTempStore, eachBackend } from "./helpers.js";

eachBackend((kind) => {
  const env = useTempStore(kind);

  const newRun = { intent: "Ensure all AWS S3 buckets are private", kind: "run" as const, target: { type: "sandbox", file: "acct.json" }, actor: "alice" };

  describe("when a run goes through its lifecycle", () => {
    it("starts running with empty result and error", async () => {
      const run = await env.store.runs.createRun(newRun);
      expect(run).toMatchObject({ status: "running", result: null, error: null, options: {}, policyId: null, policyVersion: null });
      expect(run.id).toMatch(/^run_[0-9a-z]+$/);
      expect(await env.store.runs.getRun(run.id)).toEqual(run);
    });

    it("pauses for approval, then completes with a result that round-trips", async () => {
      const run = await env.store.runs.createRun({ ...newRun, options: { apply: true, maxResources: 10 } });
      const paused = await env.store.runs.updateRun(run.id, { status: "awaiting-approval", policyId: "s3-private", policyVersion: 2 });
      expect(paused).toMatchObject({ status: "awaiting-approval", policyId: "s3-private", policyVersion: 2 });
      expect(paused.updatedAt > run.updatedAt).toBe(true);

      const result = { fixed: 3, manual: ["vol-1"], summary: { pass: 10, fail: 0 }, note: null };
      const done = await env.store.runs.updateRun(run.id, { status: "completed", result });
      expect(done).toMatchObject({ status: "completed", result, policyId: "s3-private", options: { apply: true, maxResources: 10 } });
      expect(done.createdAt).toBe(run.createdAt);
    });

    it("records a failure as the AgpmError's JSON", async () => {
      const run = await env.store.runs.createRun(newRun);
      const failure = new AgpmError("VALIDATION_FAILED", "rule s3-x never applies", { details: { rule: "s3-x" } });
      const failed = await env.store.runs.updateRun(run.id, { status: "failed", error: failure.toJSON() });
      expect((await env.store.runs.getRun(run.id))?.error).toEqual({ code: "VALIDATION_FAILED", message: "rule s3-x never applies", details: { rule: "s3-x" } });
      expect(failed.status).toBe("failed");
    });

    it("clears a field patched with null and leaves absent ones alone", async () => {
      const run = await env.store.runs.createRun({ ...newRun, policyId: "s3-private", policyVersion: 1 });
      await env.store.runs.updateRun(run.id, { result: { partial: true } });
      const cleared = await env.store.runs.updateRun(run.id, { result: null });
      expect(cleared).toMatchObject({ result: null, policyId: "s3-private", policyVersion: 1, status: "running" });
    });

    it("refuses to update an unknown run and reports unknown ones as null", async () => {
      await expect(env.store.runs.updateRun("run_missing", { status: "completed" })).rejects.toMatchObject({ code: "RUN_NOT_FOUND" });
      expect(await env.store.runs.getRun("run_missing")).toBeNull();
    });

    it("refuses an unknown status", async () => {
      const run = await env.store.runs.createRun(newRun);
      await expect(env.store.runs.updateRun(run.id, { status: "paused" as "running" })).rejects.toMatchObject({ code: "INPUT_INVALID" });
    });
  });

  describe("when a stored JSON column is corrupt", () => {
    it("refuses to hand it on, with STORE_ERROR", async () => {
      const run = await env.store.runs.createRun(newRun);
      await env.store.db.updateTable("runs").set({ target: "{not json" }).where("id", "=", run.id).execute();
      await expect(env.store.runs.getRun(run.id)).rejects.toMatchObject({ code: "STORE_ERROR" });
      await env.store.db.updateTable("runs").set({ target: "[1, 2]" }).where("id", "=", run.id).execute();
      await expect(env.store.runs.getRun(run.id)).rejects.toMatchObject({ code: "STORE_ERROR" });
    });
  });

  describe("when runs are listed", () => {
    it("returns newest first, filtered by status and limited", async () => {
      const ids: string[] = [];
      for (const kind of ["run", "check", "run", "check"] as const) ids.push((await env.store.runs.createRun({ ...newRun, kind })).id);
      await env.store.runs.updateRun(ids[0]!, { status: "completed" });
      await env.store.runs.updateRun(ids[2]!, { status: "completed" });

      expect((await env.store.runs.listRuns()).map((run) => run.id)).toEqual([...ids].reverse());
      expect((await env.store.runs.listRuns({ limit: 2 })).map((run) => run.id)).toEqual([ids[3], ids[2]]);
      expect((await env.store.runs.listRuns({ status: "completed" })).map((run) => run.id)).toEqual([ids[2], ids[0]]);
      expect((await env.store.runs.listRuns({ status: "running", limit: 1 })).map((run) => run.kind)).toEqual(["check"]);
    });
  });
});
