// The approval hold fails closed: a paused run whose stored plan cannot be read still holds its
// policy's resources. The real graph on SQLite and the sandbox; only the paused run's row is corrupted.
import { readFileSync } from "node:fs";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startRun } from "../../graphs/runner.js";
import { createGraphEnv, type GraphEnv } from "../helpers/graph.js";

const PAUSED_INTENT = "Ensure all AWS cloud storage buckets are private and encrypted.";
const OTHER_INTENT = "Ensure all S3 buckets have default encryption enabled.";

let env: GraphEnv;
beforeEach(async () => {
  env = await createGraphEnv();
});
afterEach(() => env.close());

/** What a damaged row may hold in place of the paused run's report. */
const CORRUPTIONS: Array<[string, string | null]> = [
  ["is not JSON", "{not json"],
  ["is JSON without its planned actions", JSON.stringify({ status: "awaiting-approval", actions: "lost" })],
  ["is missing", null],
];

describe("a run paused for approval whose stored plan cannot be read", () => {
  for (const [what, stored] of CORRUPTIONS) {
    it(`still holds its policy's resources when the stored report ${what}: another run --apply --yes changes nothing and names it`, async () => {
      const paused = await startRun(env.deps, env.store.checkpointer, { intent: PAUSED_INTENT, options: env.options({ command: "run", apply: true, maxChanges: 0 }) });
      expect(paused.pending).not.toBeNull();
      const runId = paused.report.runId;
      await sql`update runs set result = ${stored} where id = ${runId}`.execute(env.store.db);
      const before = readFileSync(env.sandboxFile);

      const { report } = await startRun(env.deps, env.store.checkpointer, { intent: OTHER_INTENT, options: env.options({ command: "run", apply: true, autoApprove: true, maxChanges: 100 }) });
      expect(report.policy?.id).not.toBe(paused.report.policy?.id);
      expect(readFileSync(env.sandboxFile).equals(before), "the sandbox file is byte-identical").toBe(true);
      const automatic = report.actions.filter((a) => a.status !== "manual");
      expect(automatic.length).toBeGreaterThan(0);
      for (const a of automatic) {
        expect(a.status, a.resourceId).toBe("pending-approval");
        expect(a.detail).toContain(runId);
      }
      expect(report.notes.join("\n")).toMatch(new RegExp(`run ${runId} .*cannot be read`));
      const changes = (await env.store.audit.listAudit({ runId: report.runId })).filter((e) => e.resourceId !== null);
      expect(changes).toEqual([]);
    });
  }
});
