// GET /v1/runs/:id: a run's report lists every evaluated (rule, resource) pair, passes included,
// with the evidence and location the OpenAPI document describes.
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import type { RunReport } from "../../agents/reporter/report.js";
import { ReportFindingSchema } from "../../contracts/report-schema.js";
import { statusesOf, summaryOfRows } from "../helpers/report-rows.js";
import { createApiEnv, eventually, type ApiEnv } from "./api-env.js";

let env: ApiEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

describe("GET /v1/runs/:id", () => {
  it("answers a report whose findings are every evaluated pair, counted by its summary", async () => {
    env = await createApiEnv();
    const e = env;
    const { runId } = (await e.request("author", "POST", "/v1/intents", { intent: "Ensure all S3 buckets are encrypted", command: "check" })).json<{ runId: string }>();
    e.startWorker();
    const { report } = await eventually(
      async () => (await e.request("viewer", "GET", `/v1/runs/${runId}`)).json<{ status: string; report: RunReport | null }>(),
      (d) => d.status === "completed",
    );
    if (!report) throw new Error("a completed run has a report");
    expect(statusesOf(report.findings)).toEqual(["fail", "pass"]);
    expect(report.summary).toEqual(summaryOfRows(report.findings));
    for (const f of report.findings) expect(ReportFindingSchema.strict().safeParse(f).success).toBe(true);
    const { account } = JSON.parse(readFileSync(e.graph.sandboxFile, "utf8")) as { account: string };
    expect(report.findings.find((f) => f.status === "pass")).toMatchObject({
      evidence: [{ path: "encryption.enabled", actual: true }],
      location: { domain: "aws", root: account },
    });
  });
});
