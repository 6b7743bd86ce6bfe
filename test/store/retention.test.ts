// Findings retention: per-run findings of finished runs past the retention are pruned, each
// policy's latest completed run and unfinished runs kept; runs, history and audit never touched.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../core/config.js";
import { openStore, type RunStatus, type Store } from "../../store/index.js";
import { eachBackend, sampleFinding, tempLocation, type TempLocation } from "./helpers.js";

const DAY = 86_400_000;
const START = Date.parse("2025-01-01T00:00:00Z");

eachBackend((kind) => {
  let temp: TempLocation;
  let store: Store;
  let day = 0;
  let warnings: string[];
  // The clock stands on `day`, a millisecond further per call so rows stay ordered.
  let tick = 0;
  const clock = () => new Date(START + day * DAY + tick++);

  beforeEach(() => {
    temp = tempLocation(kind);
    day = 0;
    warnings = [];
  });
  afterEach(async () => {
    await store.close();
    await temp.cleanup();
  });

  const open = (findingsRetentionDays?: number) =>
    openStore({ ...temp.location, now: clock, onWarning: (m) => warnings.push(m), ...(findingsRetentionDays === undefined ? {} : { findingsRetentionDays }) });

  /** A run of `policyId` on `at` (days from the start) with one finding, left in `status`. */
  async function runOn(at: number, policyId: string, status: RunStatus): Promise<string> {
    day = at;
    const run = await store.runs.createRun({ intent: policyId, kind: "sweep", target: {}, actor: "scheduler", policyId, policyVersion: 1 });
    const findings = [sampleFinding({ policyId, resourceId: `r-${at}`, status: "fail" })];
    await store.findings.insertFindings(run.id, findings);
    await store.history.recordObservation({ runId: run.id, policyId, policyVersion: 1, findings, coverage: { regions: null, kinds: ["aws.s3.bucket"] } });
    await store.audit.appendAudit({ actor: "scheduler", runId: run.id, result: "planned" });
    await store.runs.updateRun(run.id, { status });
    return run.id;
  }

  async function history(): Promise<{ runs: number; audit: number; changes: number; states: number }> {
    return {
      runs: (await store.runs.listRuns()).length,
      audit: (await store.audit.listAudit()).length,
      changes: (await store.history.listChanges()).length,
      states: (await store.history.listStates()).length,
    };
  }

  const withFindings = async (runIds: string[]) =>
    (await Promise.all(runIds.map(async (runId) => ((await store.findings.listFindings({ runId })).length > 0 ? runId : null)))).filter((id) => id !== null);

  describe("when findings are pruned after 30 days", () => {
    it("deletes old finished runs' findings only, keeping each policy's latest completed run and unfinished runs", async () => {
      store = await open();
      const a = await runOn(0, "p", "completed");
      const b = await runOn(1, "p", "failed");
      const c = await runOn(2, "q", "completed");
      const d = await runOn(3, "p", "awaiting-approval");
      const e = await runOn(40, "p", "completed");
      const before = await history();
      day = 45;

      expect(await store.findings.pruneFindings({ olderThanDays: 30 })).toBe(2);
      expect(await withFindings([a, b, c, d, e])).toEqual([c, d, e]);
      expect((await store.findings.latestFindings()).map((f) => f.runId)).toEqual([e, c]);
      expect(await history()).toEqual(before);
      expect(await store.findings.pruneFindings({ olderThanDays: 30 })).toBe(0);
    });
  });

  describe("when the store has a retention setting", () => {
    it("prunes after a run's findings are written, and not again within the hour", async () => {
      store = await open(30);
      const a = await runOn(0, "p", "completed");
      const b = await runOn(1, "p", "completed");
      const c = await runOn(45, "p", "completed");
      expect(await withFindings([a, b, c])).toEqual([b, c]);
      // b became old but was still the latest completed run when c's findings went in; within
      // the hour nothing prunes again, and an explicit prune catches up.
      await runOn(45, "q", "completed");
      expect(await withFindings([b])).toEqual([b]);
      expect(await store.findings.pruneFindings()).toBe(1);
      expect(await withFindings([a, b, c])).toEqual([c]);
      expect(warnings).toEqual([]);
    });

    it("keeps everything with 0 days (the store's default), and refuses a bad setting", async () => {
      store = await open();
      const a = await runOn(0, "p", "completed");
      await runOn(400, "p", "completed");
      expect(await store.findings.pruneFindings()).toBe(0);
      expect(await withFindings([a])).toEqual([a]);
      await expect(open(-1)).rejects.toMatchObject({ code: "INPUT_INVALID", message: expect.stringContaining("findingsRetentionDays") });
    });
  });
});

describe("when AGPM_FINDINGS_RETENTION_DAYS is read", () => {
  it("defaults to 30 days, takes 0 to keep findings forever, and refuses anything else with CONFIG_INVALID", () => {
    expect(loadConfig({ AGPM_ACTOR: "a" }).findingsRetentionDays).toBe(30);
    expect(loadConfig({ AGPM_ACTOR: "a", AGPM_FINDINGS_RETENTION_DAYS: "0" }).findingsRetentionDays).toBe(0);
    expect(loadConfig({ AGPM_ACTOR: "a", AGPM_FINDINGS_RETENTION_DAYS: "90" }).findingsRetentionDays).toBe(90);
    expect(() => loadConfig({ AGPM_ACTOR: "a", AGPM_FINDINGS_RETENTION_DAYS: "a month" })).toThrow(expect.objectContaining({ code: "CONFIG_INVALID" }));
  });
});
