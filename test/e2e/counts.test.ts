// Counts read as English: "1 resource", never "1 resources", in the CLI's summary, its approval pause and a sweep's report.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorkspace, type CliWorkspace } from "../helpers/cli.js";

// The demo account has exactly one bucket by this name, and it is unencrypted.
const ONE_BUCKET = "Ensure S3 buckets named data-lake-raw are encrypted";

let ws: CliWorkspace;
beforeAll(async () => {
  ws = createWorkspace();
  expect((await ws.run("sandbox", "init")).code).toBe(0);
});
afterAll(() => ws.cleanup());

describe("when a policy governs exactly one resource", () => {
  it("says '1 resource' in the summary", async () => {
    const checked = await ws.run("check", ONE_BUCKET);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toContain("\n1 resource: 0 passed, 1 failed, 0 errors.");
    expect(checked.stdout).not.toMatch(/\b1 (resources|errors)\b/);
  });

  it("says '1 resource would change' when the run pauses for approval", async () => {
    const paused = await ws.run("run", ONE_BUCKET, "--apply", "--max-changes", "0");
    expect(paused.code).toBe(3);
    expect(paused.stdout).toContain("Paused for approval: 1 resource would change.");
    expect(paused.stdout).not.toMatch(/\b1 resources\b/);
  });

  it("says '1 run over 1 policy' and '1 resource' in a sweep's report", async () => {
    const { policies } = (await ws.run("policies", "--json")).json<{ policies: Array<{ id: string }> }>();
    expect(policies).toHaveLength(1);
    const swept = await ws.run("sweep", "--now", "--policy", policies[0]?.id ?? "");
    expect(swept.stdout).toMatch(/: 1 run over 1 policy\b/);
    expect(swept.stdout).toContain("Totals: 1 resource, 1 failing");
  });
});
