// A tag policy run (evidence whose `actual` is absent) leaves findings readable from the CLI and the API.
// (`agpm check` stores no findings, so a dry `run` of the same intent records them.)
import { afterEach, describe, expect, it } from "vitest";
import { startRun } from "../../graphs/runner.js";
import type { StoredFinding } from "../../store/index.js";
import { createApiEnv, type ApiEnv } from "../api/api-env.js";
import { createWorkspace, type CliWorkspace } from "../helpers/cli.js";

const TAG_INTENT = "Every EC2 instance, EBS volume and S3 bucket must be tagged owner";

/** A finding of a missing tag: its evidence names the tag path and has no `actual` at all. */
function untagged(findings: readonly StoredFinding[]): StoredFinding | undefined {
  return findings.find((f) => f.status === "fail" && f.evidence.some((e) => e.path.startsWith("tags.") && !("actual" in e)));
}

let ws: CliWorkspace | undefined;
let api: ApiEnv | undefined;
afterEach(async () => {
  ws?.cleanup();
  await api?.close();
  ws = undefined;
  api = undefined;
});

describe("when a tag policy has run on the demo sandbox", () => {
  it("agpm findings lists its findings, untagged resources included", async () => {
    ws = createWorkspace();
    await ws.run("sandbox", "init");
    const run = await ws.run("run", TAG_INTENT, "--json");
    expect(run.stderr).toBe("");
    const listed = await ws.run("findings", "--all", "--json");
    expect(listed.stderr).toBe("");
    expect(listed.code).toBe(0);
    const { findings } = listed.json<{ findings: StoredFinding[] }>();
    expect(untagged(findings)).toBeDefined();
    expect(new Set(findings.map((f) => f.kind))).toEqual(new Set(["aws.ec2.instance", "aws.ebs.volume", "aws.s3.bucket"]));
  });

  it("GET /v1/findings answers 200 with them", async () => {
    api = await createApiEnv();
    const outcome = await startRun(api.graph.deps, api.graph.store.checkpointer, { intent: TAG_INTENT, options: api.graph.options({ command: "run" }) });
    expect(outcome.report.status).toBe("completed");
    const response = await api.request("viewer", "GET", "/v1/findings?status=fail&limit=500");
    expect(response.status).toBe(200);
    expect(untagged(response.json<{ items: StoredFinding[] }>().items)).toBeDefined();
  });
});
