// The governance graph with real parts: throttling answered by retries, and the validator
// sending LLM drafts back to the translator a bounded number of times.
import { afterEach, describe, expect, it } from "vitest";
import { startRun } from "../../graphs/runner.js";
import { createGraphEnv, type GraphEnv } from "../helpers/graph.js";

const INTENT = "Ensure all S3 buckets are encrypted";
let env: GraphEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const goodDraft = JSON.stringify({
  title: "S3 buckets are encrypted",
  mode: "enforce",
  scope: {},
  rules: [{ id: "s3.bucket-encrypted", title: "S3 bucket has default encryption", severity: "high", kind: "aws.s3.bucket", require: { path: "encryption.enabled", op: "eq", value: true }, remediation: { action: "s3.enable-default-encryption", params: { algorithm: "AES256" } }, controls: ["CIS-AWS-2.1.1"] }],
});
const unknownField = goodDraft.replace("encryption.enabled", "encryption.turnedOn");

describe("when the sandbox throttles calls", () => {
  it("retries with backoff and reaches the same findings as without throttling", async () => {
    const calm = await createGraphEnv();
    const expected = (await startRun(calm.deps, calm.store.checkpointer, { intent: INTENT, options: calm.options() })).report;
    await calm.close();
    env = await createGraphEnv({ faults: { throttle: { firstCalls: 2 } } });
    const { report } = await startRun(env.deps, env.store.checkpointer, { intent: INTENT, options: env.options() });
    expect(report.error).toBeNull();
    expect(report.findings).toEqual(expected.findings);
    expect(env.events.filter((e) => e.type === "throttled").length).toBeGreaterThan(0);
  });
});

describe("when the LLM translator's draft is rejected", () => {
  it("sends the validator's reasons back and accepts the corrected draft", async () => {
    env = await createGraphEnv({ llmResponses: ["I think buckets should be safe.", unknownField, goodDraft] });
    const { report } = await startRun(env.deps, env.store.checkpointer, { intent: INTENT, options: env.options({ translator: "llm" }) });
    expect(report.error).toBeNull();
    expect(report.policy?.rules.map((r) => r.id)).toEqual(["s3.bucket-encrypted"]);
    expect(report.summary.failed).toBeGreaterThan(0);
  });

  it("gives up after the configured number of attempts with the reasons", async () => {
    env = await createGraphEnv({ llmResponses: [unknownField, unknownField, unknownField, goodDraft] });
    const { report } = await startRun(env.deps, env.store.checkpointer, { intent: INTENT, options: env.options({ translator: "llm", maxTranslationAttempts: 2 }) });
    expect(report.status).toBe("failed");
    expect(report.error?.code).toBe("VALIDATION_FAILED");
    expect(report.error?.message).toContain("turnedOn is not a field of encryption");
    expect(report.policy).toBeNull();
  });

  it("falls back to the LLM in auto mode when the offline translator cannot translate", async () => {
    env = await createGraphEnv({ llmResponses: [goodDraft] });
    const { report } = await startRun(env.deps, env.store.checkpointer, {
      intent: "Our object storage must be protected with server side crypto at all times",
      options: env.options({ translator: "auto" }),
    });
    expect(report.error).toBeNull();
    expect(report.notes.join(" ")).toContain("Translated by the LLM");
  });
});
