// The run page shows what needs attention: its report lists every evaluated pair, the page only
// the failing and erroring ones (passes stay in the API and `--json`).
import { afterEach, describe, expect, it } from "vitest";
import { startRun } from "../../graphs/runner.js";
import { createDashboardEnv, type DashboardEnv } from "./dashboard-env.js";

let env: DashboardEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

describe("the run page of a check", () => {
  it("lists the failing pairs of its report, not the passing ones", async () => {
    env = await createDashboardEnv();
    const { report } = await startRun(env.graph.deps, env.graph.store.checkpointer, { intent: "Ensure all S3 buckets are encrypted", options: env.graph.options({ command: "check" }) });
    const failing = report.findings.filter((f) => f.status === "fail").map((f) => f.resourceId);
    const passing = report.findings.filter((f) => f.status === "pass").map((f) => f.resourceId);
    expect(failing.length).toBeGreaterThan(0);
    expect(passing.length).toBeGreaterThan(0);
    const page = await env.page("viewer", `/runs/${report.runId}`);
    expect(page.status).toBe(200);
    const rows = [...page.body.matchAll(/data-resource="([^"]+)" data-rule=/g)].map((m) => m[1]);
    expect(rows.sort()).toEqual([...failing].sort());
  });
});
