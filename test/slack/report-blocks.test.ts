// Rendering a run report as Block Kit: changes field by field, buttons only while a run waits for
// a person, text agpm does not control kept from mentioning anyone, and Slack's limits respected.
import { describe, expect, it } from "vitest";
import type { RunReport } from "../../agents/reporter/report.js";
import { APPROVE_ACTION, describeChange, renderReport, type SlackMessage } from "../../slack/index.js";

const POLICY: NonNullable<RunReport["policy"]> = {
  id: "ec2-imdsv2-required-1", version: 2, title: "EC2 instances require IMDSv2", mode: "enforce", scope: {}, explanation: "Every EC2 instance must require IMDSv2.",
  rules: [{ id: "ec2.imdsv2-required", title: "IMDSv2", kind: "aws.ec2.instance", severity: "high", controls: [], remediation: "ec2.require-imdsv2" }],
};

function report(overrides: Partial<RunReport> = {}): RunReport {
  return {
    runId: "run_0abc", status: "completed", intent: "Require IMDSv2 on all EC2 instances", command: "run", sweep: null, applied: true,
    plan: null, policy: POLICY,
    findings: [], actions: [],
    summary: { resources: 3, passed: 1, failed: 2, errors: 0, skipped: 0 }, outstanding: { low: 0, medium: 0, high: 2, critical: 0 },
    blastRadius: null, drift: null, safety: [], approval: null, collectionErrors: [], notes: [], error: null,
    ...overrides,
  };
}

const texts = (m: SlackMessage) => JSON.stringify(m.blocks);
const hasButtons = (m: SlackMessage) => m.blocks.some((b) => b.type === "actions");

describe("describeChange", () => {
  it("lists each changed field with its value before and after, through nulls that become objects", () => {
    expect(describeChange({ metadataOptions: { httpTokens: "optional" } }, { metadataOptions: { httpTokens: "required" } })).toBe("metadataOptions.httpTokens: optional → required");
    expect(describeChange({ pab: null }, { pab: { blockPublicAcls: true, ignorePublicAcls: true } })).toBe("pab.blockPublicAcls: null → true; pab.ignorePublicAcls: null → true");
    expect(describeChange({ ports: [22] }, { ports: [] })).toBe("ports: [22] → []");
  });
});

describe("renderReport", () => {
  it("offers Approve (with a confirmation) and Reject only while the run waits for approval and no one has decided", () => {
    const failing = [1, 2].map((i) => ({ resourceId: `i-${i}`, kind: "aws.ec2.instance", region: "us-east-1", ruleId: "ec2.imdsv2-required", status: "fail" as const, reason: "metadataOptions.httpTokens is optional, expected equal to required",
      evidence: [{ path: "metadataOptions.httpTokens", expected: "equal to required", actual: "optional" }], location: { domain: "aws", partition: "us-east-1", root: "123456789012" } }));
    const paused = report({ status: "awaiting-approval", findings: failing, blastRadius: { resources: 2, changes: 2, manual: 0 } });
    const waiting = renderReport(paused);
    expect(hasButtons(waiting)).toBe(true);
    const approve = waiting.blocks.find((b) => b.type === "actions");
    expect(JSON.stringify(approve)).toContain(`"action_id":"${APPROVE_ACTION}"`);
    expect(JSON.stringify(approve)).toContain('"confirm"');
    expect(texts(waiting)).toContain("`i-1` (us-east-1) — `ec2.require-imdsv2`: metadataOptions.httpTokens is optional, expected equal to required");

    expect(hasButtons(renderReport(paused, { decision: { approved: true, by: "U0BOB", done: false } }))).toBe(false);
    expect(hasButtons(renderReport(report()))).toBe(false);
    expect(hasButtons(renderReport(report({ status: "rejected" })))).toBe(false);
  });

  it("quotes what people typed and what resources are called, so they cannot mention or link", () => {
    const message = renderReport(report({
      intent: "<!here> <@U0BOSS> <https://evil.example|click>",
      actions: [{ resourceId: "<!channel>", kind: "aws.ec2.instance", region: "us-east-1", location: { domain: "aws", partition: "us-east-1", root: "123456789012" }, action: "ec2.require-imdsv2", status: "planned", before: { a: 1 }, after: { a: 2 }, summary: "x" }],
    }), { requester: "U0ALICE" });
    const all = texts(message);
    expect(all).not.toMatch(/<!here>|<!channel>|<@U0BOSS>|<https:/);
    expect(all).toContain("&lt;!here&gt;");
    expect(all).toContain("<@U0ALICE>");
  });

  it("lists at most 20 changes and says how many more and where, within Slack's block and text limits", () => {
    const actions = Array.from({ length: 120 }, (_, i) => ({
      resourceId: `bucket-${i}-${"x".repeat(200)}`, kind: "aws.s3.bucket", region: "us-east-1", location: { domain: "aws", partition: "us-east-1", root: "123456789012" }, action: "s3.enable-versioning", status: "verified" as const,
      before: { versioning: "Suspended" }, after: { versioning: "Enabled" }, summary: "enable versioning",
    }));
    const message = renderReport(report({ actions, notes: ["n".repeat(5000)], policy: { ...POLICY, explanation: "e".repeat(10_000) } }));
    expect(texts(message)).toContain("…and 100 more: `agpm findings --run run_0abc`");
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    for (const block of message.blocks) {
      const text = (block as { text?: { text?: string } }).text?.text ?? "";
      expect(text.length).toBeLessThanOrEqual(3000);
    }
  });
});
