// Sweep payloads name a partition; `region`, the AWS spelling every payload written before
// partitions used, is still accepted — on sweep-policy children and on runs' sweep targets alike.
import { describe, expect, it } from "vitest";
import { parseSweepJob } from "../../contracts/sweeps-queue.js";
import { RunOptionsSchema, SweepTargetSchema } from "../../contracts/run.js";
import { runLockKey } from "../../workers/run-lock.js";

const options = { target: { type: "sandbox", file: "demo.json" } };
/** A child exactly as the fan-out of the code before partitions wrote it. */
const oldChild = { sweepId: "swp_1", policyId: "s3-private", region: "eu-west-1", root: "123456789012", runId: "run_swp_1", options };

describe("a sweep-policy child payload", () => {
  it("written by older code (region) is accepted, its region read as the partition", () => {
    const parsed = parseSweepJob("sweep-policy", oldChild);
    expect(parsed.data).toMatchObject({ partition: "eu-west-1", region: "eu-west-1", root: "123456789012", runId: "run_swp_1" });
  });

  it("queued before locations (no root) or for every partition (region null) is accepted too", () => {
    const { root: _root, ...noRoot } = oldChild;
    expect(parseSweepJob("sweep-policy", { ...noRoot, region: null }).data).toMatchObject({ partition: null, region: null });
    expect(parseSweepJob("sweep-policy", noRoot).data).not.toHaveProperty("root");
  });

  it("naming a partition is read the same way, and takes the same run lock as its region did", () => {
    const { region: _region, ...rest } = oldChild;
    const parsed = parseSweepJob("sweep-policy", { ...rest, partition: "eu-west-1" });
    const old = parseSweepJob("sweep-policy", oldChild);
    expect(parsed.data).toEqual(old.data);
    if (parsed.name !== "sweep-policy" || old.name !== "sweep-policy") throw new Error("parsed as another job");
    expect(runLockKey("p", parsed.data.policyId, parsed.data)).toBe("p:lock:policy-run:s3-private:123456789012:eu-west-1");
  });

  it("refuses a partition and a region that disagree, and keys it does not know", () => {
    expect(() => parseSweepJob("sweep-policy", { ...oldChild, partition: "us-east-1" })).toThrow(/region is the AWS spelling of partition/);
    expect(() => parseSweepJob("sweep-policy", { ...oldChild, zone: "a" })).toThrow(/INPUT_INVALID|zone/);
  });
});

describe("a run's sweep target", () => {
  it("accepts region as the AWS alias of partition and carries both", () => {
    expect(SweepTargetSchema.parse({ policyId: "p", region: "eu-west-1", sweepId: null })).toEqual({ policyId: "p", partition: "eu-west-1", region: "eu-west-1", sweepId: null });
    expect(SweepTargetSchema.parse({ policyId: "p", partition: "main.tf", sweepId: "swp_1" })).toEqual({ policyId: "p", partition: "main.tf", region: "main.tf", sweepId: "swp_1" });
    expect(SweepTargetSchema.parse({ policyId: "p", region: null, sweepId: null }).partition).toBeNull();
  });

  it("reads the options stored with runs of older code", () => {
    const stored = { command: "sweep", sweep: { policyId: "p", region: "us-east-1", sweepId: "swp_1" }, maxChanges: 5, maxTranslationAttempts: 3, target: options.target, actor: "worker" };
    expect(RunOptionsSchema.parse(stored).sweep).toEqual({ policyId: "p", partition: "us-east-1", region: "us-east-1", sweepId: "swp_1" });
  });
});
