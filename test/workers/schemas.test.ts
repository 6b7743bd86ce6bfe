// The published JSON Schemas match the code, and the report schema matches real reports.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RunReportSchema } from "../../contracts/report-schema.js";
import { startRun } from "../../graphs/runner.js";
import { jsonSchemas, render, SCHEMAS_DIR } from "../../scripts/json-schemas.js";
import { createGraphEnv, type GraphEnv } from "../helpers/graph.js";
import { driftBucket } from "../helpers/drift.js";

describe("the JSON Schemas in schemas/", () => {
  it("are exactly what `npm run docs:schemas` generates (run it after changing a contract)", () => {
    const generated = jsonSchemas();
    expect(readdirSync(SCHEMAS_DIR).sort()).toEqual(Object.keys(generated).sort());
    for (const [file, schema] of Object.entries(generated)) expect(readFileSync(join(SCHEMAS_DIR, file), "utf8"), file).toBe(render(schema));
  });
});

describe("the run report schema", () => {
  let env: GraphEnv;
  beforeAll(async () => {
    env = await createGraphEnv();
  });
  afterAll(() => env.close());

  it("accepts every kind of real report, with no field left undescribed", async () => {
    const strict = RunReportSchema.strict();
    const run = (intent: string, overrides: Parameters<GraphEnv["options"]>[0]) =>
      startRun(env.deps, env.store.checkpointer, { intent, options: env.options(overrides) }).then((o) => o.report);
    const applied = await run("Ensure all AWS cloud storage buckets are private and encrypted.", { command: "run", apply: true, autoApprove: true, maxChanges: 100 });
    const reports = [
      applied,
      await run("Validate EC2 instances have autoscaling enabled.", { command: "check" }),
      await run("Require IMDSv2 on all EC2 instances in us-east-1.", { command: "explain" }),
      await run("Make the office coffee taste better", { command: "check" }),
    ];
    driftBucket(env.sandboxFile);
    const sweep = { policyId: applied.policy?.id ?? "", region: null, sweepId: null };
    reports.push(await run("sweep", { command: "sweep", apply: true, maxChanges: 0, sweep }));
    reports.push(await run("sweep", { command: "sweep", apply: true, sweep }));
    expect(reports.map((r) => r.status)).toEqual(["completed", "completed", "completed", "failed", "awaiting-approval", "completed"]);
    for (const report of reports) {
      const parsed = strict.safeParse(JSON.parse(JSON.stringify(report)));
      expect(parsed.success, `${report.command} ${report.status}: ${parsed.error?.message}`).toBe(true);
    }
  });
});
