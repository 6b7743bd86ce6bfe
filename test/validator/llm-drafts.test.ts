// LLM drafts get no power they were not proved to deserve: an inverted rule dressed in a good
// title, a rule that claims a control but means something else, and smuggled exemptions are
// refused before anything is stored or changed; titles are rendered from the IR.
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { startRun } from "../../graphs/runner.js";
import { createGraphEnv, type GraphEnv } from "../helpers/graph.js";

let env: GraphEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const VERSIONING = "Ensure versioning is enabled on all S3 buckets";

/** The draft: titled "versioning enabled", requiring Disabled, fixed by enabling versioning. */
const invertedDraft = JSON.stringify({
  title: "versioning enabled",
  mode: "enforce",
  scope: {},
  rules: [{
    id: "s3-versioning", title: "versioning enabled", severity: "medium", kind: "aws.s3.bucket",
    require: { path: "versioning.status", op: "eq", value: "Disabled" },
    remediation: { action: "s3.enable-versioning", params: {} }, controls: [],
  }],
});

const versioningStatuses = (file: string) =>
  (JSON.parse(readFileSync(file, "utf8")) as { s3: { buckets: Array<{ Name: string; Versioning?: { Status?: string } }> } }).s3.buckets.map((b) => [b.Name, b.Versioning?.Status ?? null]);

const applyRun = (e: GraphEnv, intent: string, attempts = 3) =>
  startRun(e.deps, e.store.checkpointer, { intent, options: e.options({ command: "run", apply: true, autoApprove: true, translator: "llm", maxTranslationAttempts: attempts }) });

describe("when the LLM drafts an inverted rule under a good title", () => {
  it("refuses it, naming the rule and the action that would not make it pass, and changes nothing", async () => {
    env = await createGraphEnv({ llmResponses: [invertedDraft, invertedDraft, invertedDraft] });
    const before = versioningStatuses(env.sandboxFile);
    const { report } = await applyRun(env, VERSIONING);
    expect(report.status).toBe("failed");
    expect(report.error?.code).toBe("VALIDATION_FAILED");
    expect(report.error?.message).toMatch(/s3-versioning.*s3\.enable-versioning.*does not make it pass/);
    expect(report.actions).toEqual([]);
    expect(await env.store.policies.listPolicies()).toEqual([]);
    expect(await env.store.audit.listAudit({})).toEqual([]);
    expect(versioningStatuses(env.sandboxFile)).toEqual(before);
  });
});

describe("when an applied fix does not make its rule pass", () => {
  it("audits the resource as it is read again after the change, not null", async () => {
    env = await createGraphEnv();
    // A policy stored before drafts were proved: the fix enables versioning, the rule wants it off.
    const policy = await env.store.policies.createPolicy({
      id: "inverted-versioning", version: 1, title: "versioning enabled", intent: VERSIONING, mode: "enforce", scope: {},
      rules: [JSON.parse(invertedDraft).rules[0]], exemptions: [], status: "active",
    }, "tester");
    const { report } = await startRun(env.deps, env.store.checkpointer, {
      intent: `sweep ${policy.id}`,
      options: env.options({ command: "sweep", apply: true, maxChanges: 100, sweep: { policyId: policy.id, region: null, sweepId: "swp_test" } }),
    });
    const failed = report.actions.filter((a) => a.status === "failed");
    expect(failed.length).toBeGreaterThan(0);
    const audit = await env.store.audit.listAudit({ runId: report.runId });
    const outcomes = audit.filter((e) => e.result === "failed");
    expect(outcomes).toHaveLength(failed.length);
    for (const event of outcomes) {
      // The change did happen: the bucket now has versioning on, and the audit says so.
      expect(event.after).toEqual({ versioning: { status: "Enabled" } });
      expect(versioningStatuses(env.sandboxFile).find(([name]) => name === event.resourceId)?.[1]).toBe("Enabled");
    }
  });
});

/** A faithful draft of the versioning control, in the model's own words. */
const proseDraft = (over: Record<string, unknown> = {}, rule: Record<string, unknown> = {}) => JSON.stringify({
  title: "Totally harmless housekeeping",
  mode: "enforce",
  scope: {},
  rules: [{
    id: "s3.bucket-versioning", control: "s3.bucket-versioning", title: "Nothing to see here", severity: "medium", kind: "aws.s3.bucket",
    require: { path: "versioning.status", op: "eq", value: "Enabled" }, remediation: { action: "s3.enable-versioning", params: {} }, controls: ["FSBP-S3.14"], ...rule,
  }],
  ...over,
});

describe("when an LLM draft is faithful but worded by the model", () => {
  it("renders the policy and rule titles from the IR, and explains the policy in those words", async () => {
    env = await createGraphEnv({ llmResponses: [proseDraft()] });
    const { report } = await startRun(env.deps, env.store.checkpointer, { intent: VERSIONING, options: env.options({ command: "explain", translator: "llm" }) });
    expect(report.error).toBeNull();
    expect(report.policy?.title).toBe("S3 buckets have versioning enabled");
    expect(report.policy?.rules[0]?.title).toBe("S3 bucket has versioning enabled");
    expect(JSON.stringify(report)).not.toMatch(/Totally harmless|Nothing to see here/);
  });
});

describe("when an LLM draft tries to get power the intent did not give", () => {
  it.each([
    ["a lowered severity", proseDraft({}, { severity: "low" }), /severity is low, the control's is medium/],
    ["an inverted rule under the control's name", proseDraft({}, { require: { path: "versioning.status", op: "neq", value: "Enabled" } }), /claims catalogue control s3\.bucket-versioning/],
    ["a when-clause that narrows the scope", proseDraft({}, { id: "keep-versions", control: undefined, controls: [], when: { path: "tags.env", op: "eq", value: "none" } }), /narrows the intent's scope/],
    ["an exemption nobody asked for", proseDraft({ exemptions: [{ id: "all", names: ["*"], reason: "quiet", owner: "llm", expires: null }] }), /exemption all is not one the intent asks for/],
    ["enforcement for a check-only intent", proseDraft(), /check-only intent must produce an audit-mode policy/, "Validate that S3 buckets have versioning enabled"],
  ] as const)("refuses %s before anything is stored or changed", async (_what, draft, reason, intent: string = VERSIONING) => {
    env = await createGraphEnv({ llmResponses: [draft] });
    const before = versioningStatuses(env.sandboxFile);
    const { report } = await applyRun(env, intent, 1);
    expect(report.error?.code).toBe("VALIDATION_FAILED");
    expect(report.error?.message).toMatch(reason);
    expect(report.actions).toEqual([]);
    expect(await env.store.policies.listPolicies()).toEqual([]);
    expect(versioningStatuses(env.sandboxFile)).toEqual(before);
  });
});
