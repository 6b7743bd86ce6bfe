// The CLI with a real @langchain/openai client pointed at a local endpoint: intents that weaken
// security or name services outside the catalogue are refused (exit 2) whatever the model
// drafts, and a failing model (HTTP 500, no answer) falls back in auto mode and fails with
// LLM_UNAVAILABLE (exit 1) in llm mode, within the configured timeout and retries.
import { afterEach, describe, expect, it } from "vitest";
import { createWorkspace, type CliWorkspace } from "../helpers/cli.js";
import { startLlmServer, type LlmBehaviour, type LlmServer } from "../helpers/llm-server.js";

const s3Draft = JSON.stringify({
  title: "S3 buckets are not public",
  mode: "enforce",
  scope: {},
  rules: [{ id: "s3.bucket-not-public", title: "S3 bucket is not publicly accessible", severity: "critical", kind: "aws.s3.bucket", control: "s3.bucket-not-public", require: { path: "isPublic", op: "eq", value: false }, remediation: { action: "s3.block-public-access", params: {} }, controls: ["FSBP-S3.2"] }],
});

let ws: CliWorkspace | undefined;
let server: LlmServer | undefined;
afterEach(async () => {
  ws?.cleanup();
  await server?.close();
  ws = undefined;
  server = undefined;
});

async function withModel(behaviour: LlmBehaviour, env: Record<string, string> = {}): Promise<CliWorkspace> {
  server = await startLlmServer(behaviour);
  ws = createWorkspace({ AGPM_LLM_BASE_URL: server.baseUrl, AGPM_LLM_MODEL: "test-model", AGPM_LLM_MAX_RETRIES: "0", ...env });
  return ws;
}

describe("when an intent asks to weaken security", () => {
  it("refuses 'Make all buckets public' with exit 2 and the reason, changing nothing and storing no policy", async () => {
    ws = createWorkspace();
    expect((await ws.run("sandbox", "init")).code).toBe(0);
    const before = ws.sandbox();
    const result = await ws.run("run", "Make all buckets public", "--apply", "--yes");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("INTENT_UNTRANSLATABLE");
    expect(result.stderr).toContain("weaken security");
    expect(result.stderr).toContain("s3.bucket-not-public");
    expect(ws.sandbox()).toEqual(before);
    const policies = await ws.run("policies", "--json");
    expect(policies.json<{ policies: unknown[] }>().policies).toEqual([]);
  });

  it("refuses it in llm mode before the model is asked", async () => {
    await withModel({ reply: s3Draft });
    const result = await ws!.run("run", "Make all buckets public", "--apply", "--yes", "--translator", "llm");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("weaken security");
    expect(server!.requests).toBe(0);
  });
});

describe("when an intent names a service outside the catalogue", () => {
  it.each(["offline", "llm", "auto"])("refuses it in %s mode whatever the model drafts", async (mode) => {
    await withModel({ reply: s3Draft });
    const result = await ws!.run("run", "Lambda functions must not be publicly invokable", "--translator", mode);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("INTENT_UNTRANSLATABLE");
    expect(result.stderr).toContain("Lambda");
    expect(server!.requests).toBe(0);
  });

  it("rejects a model draft about another kind than the intent names", async () => {
    await withModel({ reply: s3Draft });
    const result = await ws!.run("check", "Ensure EBS volumes are encrypted", "--translator", "llm", "--json");
    expect(result.code).toBe(2);
    expect(result.json<{ error: { code: string; message: string } }>().error.message).toContain("the intent names aws.ebs.volume");
  });
});

describe("when the model fails", () => {
  it("auto falls back to the offline refusal (exit 2), never INTERNAL", async () => {
    await withModel({ status: 500 });
    const result = await ws!.run("run", "Buckets should sing in the morning", "--translator", "auto");
    expect(server!.requests).toBeGreaterThan(0);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("INTENT_UNTRANSLATABLE");
  });

  it("auto falls back to the offline answer when the offline parser was unsure", async () => {
    await withModel({ status: 500 });
    const result = await ws!.run("run", "Ensure S3 buckets are encrypted, as finance requested", "--translator", "auto", "--soft-fail", "--json");
    expect(server!.requests).toBeGreaterThan(0);
    expect(result.code).toBe(0);
    const report = result.json<{ policy: { rules: Array<{ id: string }> }; notes: string[] }>();
    expect(report.policy.rules.map((r) => r.id)).toEqual(["s3.bucket-encrypted"]);
    expect(report.notes.join(" ")).toContain("The LLM translator failed");
  });

  it("auto falls back when the model answers nonsense", async () => {
    await withModel({ reply: "I would rather talk about the weather." });
    const result = await ws!.run("run", "Ensure S3 buckets are encrypted, as finance requested", "--translator", "auto", "--soft-fail", "--json");
    expect(result.code).toBe(0);
    expect(result.json<{ policy: { rules: Array<{ id: string }> } }>().policy.rules.map((r) => r.id)).toEqual(["s3.bucket-encrypted"]);
  });

  it("llm mode fails with LLM_UNAVAILABLE (exit 1) on HTTP 500, after the bounded retries", async () => {
    await withModel({ status: 500 }, { AGPM_LLM_MAX_RETRIES: "1" });
    const result = await ws!.run("run", "Ensure all S3 buckets are encrypted", "--translator", "llm");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("LLM_UNAVAILABLE");
    expect(server!.requests).toBe(2);
  });

  it("llm mode fails with LLM_UNAVAILABLE (exit 1) when the model never answers, after AGPM_LLM_TIMEOUT_MS", async () => {
    await withModel({ hang: true }, { AGPM_LLM_TIMEOUT_MS: "300" });
    const result = await ws!.run("run", "Ensure all S3 buckets are encrypted", "--translator", "llm");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("LLM_UNAVAILABLE");
    expect(server!.requests).toBe(1);
  });

  it("auto falls back when the model never answers", async () => {
    await withModel({ hang: true }, { AGPM_LLM_TIMEOUT_MS: "300" });
    const result = await ws!.run("run", "Buckets should sing in the morning", "--translator", "auto");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("INTENT_UNTRANSLATABLE");
  });
});

describe("when the LLM settings are invalid", () => {
  it("refuses a timeout that is not a positive number", async () => {
    ws = createWorkspace({ AGPM_LLM_TIMEOUT_MS: "soon" });
    const result = await ws.run("run", "Ensure all S3 buckets are encrypted");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("CONFIG_INVALID");
  });
});
