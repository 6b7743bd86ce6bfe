// Static sources only propose (issue 10): the real governance graph — collectors, planner,
// evaluator, enforcer, store — over the real sandbox session, opened as a files or a read-only
// target (a target double: the session is the sandbox's, only where its actions take effect differs).
import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SourceApplies } from "../../engine/domain.js";
import { startRun } from "../../graphs/runner.js";
import { renderReport } from "../../cli/output/report.js";
import { createGraphEnv, type GraphEnv } from "../helpers/graph.js";

const INTENT = "Ensure all AWS cloud storage buckets are private and encrypted.";

let env: GraphEnv;
beforeEach(async () => {
  env = await createGraphEnv();
});
afterEach(() => env.close());

/** Opens the real sandbox session, declared to take effect as `applies` says. */
function openAs(applies: SourceApplies): void {
  const open = env.deps.openTarget;
  env.deps.openTarget = async (target) => ({ ...(await open(target)), applies });
}

const bytes = () => readFileSync(env.sandboxFile);

/** Runs the intent (with overrides), checking the sandbox file is byte-identical afterwards. */
async function runUnchanged(overrides: Parameters<GraphEnv["options"]>[0]) {
  const before = bytes();
  const { report } = await startRun(env.deps, env.store.checkpointer, { intent: INTENT, options: env.options({ command: "run", ...overrides }) });
  expect(bytes().equals(before), "the sandbox file is byte-identical").toBe(true);
  return report;
}
const APPLY_YES = { apply: true, autoApprove: true, maxChanges: 100 };
/** The run's audit events about resources (not the policy it published or its approval). */
async function resourceEvents(runId: string) {
  return (await env.store.audit.listAudit({ runId })).filter((e) => e.resourceId !== null);
}
const outstanding = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

describe("a files target", () => {
  beforeEach(() => openAs("files"));

  it("--apply --yes proposes every automatic fix with its before and after, changes nothing, and audits the proposals", async () => {
    const report = await runUnchanged(APPLY_YES);
    expect(report.status).toBe("completed");

    const proposed = report.actions.filter((a) => a.status === "proposed");
    expect(proposed.length).toBeGreaterThan(0);
    expect(report.actions.every((a) => a.status === "proposed" || a.status === "manual")).toBe(true);
    for (const a of proposed) {
      expect(a.summary.length, a.resourceId).toBeGreaterThan(0);
      expect(a.before).not.toBeNull();
      expect(a.after).not.toEqual(a.before);
      expect(a.detail).toMatch(/not changed: the target is files/);
    }
    // Nothing was fixed, so everything still counts against the exit code.
    expect(outstanding(report.outstanding)).toBeGreaterThan(0);
    const text = renderReport(report, false);
    expect(text).toContain("Proposed changes (edit the files; nothing was changed)");
    expect(text).toContain(`, ${proposed.length} proposed.`);
    expect(text).toMatch(/\d+ changes? proposed, not made: the target is files/);

    const events = await resourceEvents(report.runId);
    expect(events.map((e) => e.result)).toEqual(proposed.map(() => "proposed"));
    for (const a of proposed) {
      const event = events.find((e) => e.result === "proposed" && e.resourceId === a.resourceId && e.action === a.action);
      expect(event, `${a.resourceId} ${a.action}`).toMatchObject({ before: a.before, after: a.after, kind: a.kind, region: a.region });
    }
  });

  it("--apply without --yes never pauses for approval however many fixes it proposes: a proposal changes nothing", async () => {
    const report = await runUnchanged({ apply: true, autoApprove: false, maxChanges: 0 });
    expect(report.status).toBe("completed");
    expect(report.actions.filter((a) => a.status === "proposed").length).toBeGreaterThan(1);
    expect(report.actions.some((a) => a.status === "planned" || a.status === "pending-approval")).toBe(false);
  });

  it("a dry run lists the same fixes as proposals and audits nothing", async () => {
    const report = await runUnchanged({});
    expect(report.actions.length).toBeGreaterThan(0);
    expect(report.actions.every((a) => a.status === "proposed")).toBe(true);
    expect(await resourceEvents(report.runId)).toEqual([]);
  });
});

describe("a read-only target", () => {
  beforeEach(() => openAs("none"));

  it("--apply --yes plans no automatic fix, says the source is read-only, and changes and audits nothing", async () => {
    const report = await runUnchanged(APPLY_YES);
    expect(report.status).toBe("completed");
    expect(report.summary.failed).toBeGreaterThan(0);
    expect(report.actions.filter((a) => a.status !== "manual")).toEqual([]);
    expect(report.notes.join("\n")).toMatch(/is read-only: \d+ automatic fix(es)? not planned/);
    expect(outstanding(report.outstanding)).toBeGreaterThan(0);
    expect(await resourceEvents(report.runId)).toEqual([]);
  });
});
