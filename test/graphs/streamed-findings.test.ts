// Findings live in the store, not in the graph's checkpointed state: checkpoints stay small, the
// report still lists every evaluated pair, and a run checkpointed by older code still reads its own.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startRun } from "../../graphs/runner.js";
import { readRunFindings } from "../../graphs/deps.js";
import type { State } from "../../graphs/state.js";
import { createGraphEnv, type GraphEnv } from "../helpers/graph.js";

let env: GraphEnv;
beforeEach(async () => {
  env = await createGraphEnv();
});
afterEach(async () => env.close());

async function channelsOf(runId: string): Promise<Array<Record<string, unknown>>> {
  const channels: Array<Record<string, unknown>> = [];
  for await (const tuple of env.store.checkpointer.list({ configurable: { thread_id: runId } })) channels.push(tuple.checkpoint.channel_values);
  return channels;
}

describe("a check of an account", () => {
  it("keeps counts in its checkpoints and every finding in its report, read back from the store", async () => {
    const { report } = await startRun(env.deps, env.store.checkpointer, { intent: "Ensure all S3 buckets are encrypted", options: env.options() });
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.summary.failed).toBeGreaterThan(0);

    const checkpoints = await channelsOf(report.runId);
    expect(checkpoints.length).toBeGreaterThan(3);
    for (const channels of checkpoints) {
      expect(channels.findings ?? []).toEqual([]);
      expect(channels.failing ?? []).toEqual([]);
    }
    const last = checkpoints[0]!;
    expect(last.evaluated).toEqual({ findings: report.findings.length, failing: report.summary.failed });

    const stored = await env.store.findings.readRunFindings(report.runId);
    expect(stored.map((r) => [r.finding.resourceId, r.finding.ruleId, r.finding.status])).toEqual(report.findings.map((f) => [f.resourceId, f.ruleId, f.status]));
    // A check stores no governance findings.
    expect(await env.store.findings.listFindings({ runId: report.runId })).toEqual([]);
  });

  it("reports how far evaluation got, ending at every resource", async () => {
    const { report } = await startRun(env.deps, env.store.checkpointer, { intent: "Ensure all S3 buckets are encrypted", options: env.options() });
    const evaluated = env.events.filter((e) => e.type === "evaluated");
    expect(evaluated.length).toBeGreaterThan(0);
    expect(evaluated.at(-1)).toMatchObject({ resources: report.summary.resources, total: report.summary.resources, findings: report.findings.length });
  });
});

describe("a run checkpointed by older code, with findings in its state", () => {
  it("reads them from the state, never from the store", async () => {
    const finding = {
      policyId: "p", policyVersion: 1, ruleId: "r", kind: "aws.s3.bucket", resourceId: "b", region: "eu-west-1", status: "fail" as const, reason: "off", evidence: [],
    };
    const snapshot = { kind: "aws.s3.bucket", id: "b", region: "eu-west-1", account: "1", name: "b", tags: {} };
    const state = { runId: "run_old", findings: [finding, { ...finding, resourceId: "c", status: "pass" as const }], failing: [snapshot] } as unknown as State;
    expect(await readRunFindings(env.store, state)).toEqual({ findings: state.findings, failing: [snapshot] });
    expect((await readRunFindings(env.store, state, { failing: true })).findings).toEqual([finding]);
  });
});
