// Error rows: a resource that could not be read in full is reported as an `error` pair — never a
// silent pass — and the report's rows and summary agree, through the real graph and sandbox.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { quietReport } from "../../agents/reporter/report.js";
import { RunReportSchema } from "../../contracts/report-schema.js";
import { startRun } from "../../graphs/runner.js";
import { createGraphEnv, type GraphEnv } from "../helpers/graph.js";
import { summaryOfRows } from "../helpers/report-rows.js";

let env: GraphEnv;
beforeAll(async () => {
  // Every DescribeVolumes is throttled: each instance is collected with a read failure.
  env = await createGraphEnv({ faults: { throttle: { rate: 1, commands: ["DescribeVolumes"] } } });
});
afterAll(() => env.close());

describe("a check whose resources could not be read in full", () => {
  it("lists an error row per (rule, resource) with the reason, counted as errors in the summary", async () => {
    const { report } = await startRun(env.deps, env.store.checkpointer, { intent: "Require IMDSv2 on all EC2 instances", options: env.options({ command: "check" }) });
    expect(RunReportSchema.strict().safeParse(JSON.parse(JSON.stringify(report))).success).toBe(true);
    const errors = report.findings.filter((f) => f.status === "error");
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.length).toBe(report.findings.length);
    for (const f of errors) expect(f.reason).toMatch(/^could not be read: volumes: DescribeVolumes/);
    expect(report.summary).toEqual(summaryOfRows(report.findings));
    expect(report.summary.errors).toBe(errors.length);
    // Errors need attention: --quiet keeps them.
    expect(quietReport(report).findings).toEqual(errors);
  });
});
