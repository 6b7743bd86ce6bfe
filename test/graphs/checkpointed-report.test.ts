// A run checkpointed by the code before locations reached actions and sweeps (paused for approval,
// resumed after an upgrade) still reports where things live: from its findings, else its region.
import { describe, expect, it } from "vitest";
import { buildReport } from "../../agents/reporter/report.js";
import type { State } from "../../graphs/state.js";

const ROOT = "123456789012";
const finding = {
  policyId: "s3-private", policyVersion: 1, ruleId: "s3-encrypted", kind: "aws.s3.bucket", resourceId: "app-logs", region: "eu-west-1",
  status: "fail" as const, reason: "encryption is off", evidence: [], location: { domain: "aws", partition: "eu-west-1", root: ROOT },
};
/** An action as older code kept it in the checkpoint: a region, no location. */
const action = (resourceId: string, region: string) => ({
  resourceId, kind: "aws.s3.bucket", region, action: "s3.enable-default-encryption", ruleIds: ["s3-encrypted"], status: "verified" as const, before: {}, after: {}, summary: "encrypt",
});

function oldState(): State {
  // The checkpoint's options, as that code stored them: the sweep names its region only.
  const options = { command: "sweep", sweep: { policyId: "s3-private", region: "eu-west-1", sweepId: "swp_1" }, apply: true, autoApprove: false, maxChanges: 5, maxTranslationAttempts: 3, translator: "offline", target: { type: "sandbox", file: "demo.json" }, actor: "worker", source: "scheduler" };
  return {
    runId: "run_old", intent: "sweep", options, plan: null, draft: null, translation: null, attempts: 0, feedback: [], policy: null,
    findings: [finding], failing: [], summary: null, safety: [], collectionErrors: [], coverage: null,
    drift: null, blastRadius: null, approval: null, actions: [action("app-logs", "eu-west-1"), action("gone-bucket", "us-east-1")], notes: [], status: "completed", error: null,
  } as unknown as State;
}

describe("the report of a run checkpointed before actions carried locations", () => {
  it("gives each action its finding's location, else its region's with the root unknown", () => {
    const report = buildReport(oldState());
    expect(report.actions.map((a) => [a.resourceId, a.location])).toEqual([
      ["app-logs", { domain: "aws", partition: "eu-west-1", root: ROOT }],
      ["gone-bucket", { domain: "aws", partition: "us-east-1", root: "" }],
    ]);
  });

  it("names the swept partition, region kept", () => {
    expect(buildReport(oldState()).sweep).toEqual({ policyId: "s3-private", partition: "eu-west-1", region: "eu-west-1", sweepId: "swp_1" });
  });
});
