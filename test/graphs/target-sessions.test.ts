// The target is opened once per run and closed when the run stops: evaluate, the approval-time
// re-read and the enforcer share one session. The test wraps the real opener only to count.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resumeRun, startRun } from "../../graphs/runner.js";
import { driftBucket } from "../helpers/drift.js";
import { createGraphEnv, type GraphEnv } from "../helpers/graph.js";

const INTENT = "Ensure all AWS cloud storage buckets are private and encrypted.";

let env: GraphEnv;
let opens: number;
let closes: number;

beforeEach(async () => {
  env = await createGraphEnv();
  const open = env.deps.openTarget;
  opens = 0;
  closes = 0;
  env.deps.openTarget = async (target) => {
    const session = await open(target);
    opens++;
    return { ...session, close: () => { closes++; session.close(); } };
  };
});
afterEach(() => env.close());

describe("one opened target per run", () => {
  it("run --apply --yes collects, remediates and verifies through one session, closed at the end", async () => {
    const { report } = await startRun(env.deps, env.store.checkpointer, { intent: INTENT, options: env.options({ command: "run", apply: true, autoApprove: true, maxChanges: 100 }) });
    expect(report.status).toBe("completed");
    expect(report.actions.filter((a) => a.status === "verified").length).toBeGreaterThan(0);
    expect({ opens, closes }).toEqual({ opens: 1, closes: 1 });
  });

  it("a sweep that remediates drift opens its target once", async () => {
    const first = await startRun(env.deps, env.store.checkpointer, { intent: INTENT, options: env.options({ command: "run", apply: true, autoApprove: true, maxChanges: 100 }) });
    const policyId = first.report.policy?.id ?? "";
    const { name } = driftBucket(env.sandboxFile);
    [opens, closes] = [0, 0];
    const { report } = await startRun(env.deps, env.store.checkpointer, {
      intent: `sweep ${policyId}`,
      options: env.options({ command: "sweep", apply: true, actor: "scheduler", sweep: { policyId, region: null, sweepId: "swp_sessions" } }),
    });
    expect(report.status).toBe("completed");
    expect(report.actions.some((a) => a.resourceId === name && a.status === "verified")).toBe(true);
    expect({ opens, closes }).toEqual({ opens: 1, closes: 1 });
  });

  it("a run paused for approval closes its session; the resumed run re-reads and enforces through one more", async () => {
    const paused = await startRun(env.deps, env.store.checkpointer, { intent: INTENT, options: env.options({ command: "run", apply: true, maxChanges: 0 }) });
    expect(paused.pending).not.toBeNull();
    expect({ opens, closes }).toEqual({ opens: 1, closes: 1 });
    const { report } = await resumeRun(env.deps, env.store.checkpointer, paused.report.runId, { approved: true, by: "alice", at: new Date().toISOString() });
    expect(report.status).toBe("completed");
    expect(report.actions.filter((a) => a.status === "verified").length).toBeGreaterThan(0);
    // The approval-time re-read and the enforcer share the resumed run's session; evaluate does not run again.
    expect({ opens, closes }).toEqual({ opens: 2, closes: 2 });
  });

  it("a target that cannot be opened fails the run and leaves nothing open", async () => {
    const { report } = await startRun(env.deps, env.store.checkpointer, { intent: INTENT, options: env.options({ target: { type: "sandbox", file: `${env.sandboxFile}.missing` } }) });
    expect(report.status).toBe("failed");
    expect(report.error?.code).toMatch(/SANDBOX/);
    expect({ opens, closes }).toEqual({ opens: 0, closes: 0 });
  });
});
