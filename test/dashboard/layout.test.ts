// Every page at 1366×900 in headless Chromium, on a store holding the long values real accounts
// have (60-character run ids, ARNs, long reasons and before/after JSON): nothing scrolls sideways.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRun } from "../../graphs/runner.js";
import { openBrowser, overflows, type Browser } from "./browser.js";
import { createDashboardEnv, type DashboardEnv } from "./dashboard-env.js";

const S3 = "Ensure all AWS cloud storage buckets are private and encrypted.";
const LONG_RUN = `run_${"0123456789abcdefghijklmnopqrstuvwxyz".repeat(2)}`.slice(0, 60);
const ARN = (i: number) => `arn:aws:s3:::org-${"very-long-bucket-name-segment-".repeat(2)}${i}/with/a/very/long/object/prefix/that/keeps/going`;
const REASON = `Public access is allowed through the bucket policy statement ${"AllowEveryoneToReadEverythingForeverAndEver".repeat(2)} and the ACL grants READ to AllUsers; block public access is off on the bucket and on the account.`;

let env: DashboardEnv;
let browser: Browser;
let base: string;
let policyId: string;

beforeAll(async () => {
  env = await createDashboardEnv();
  const { report } = await startRun(env.graph.deps, env.graph.store.checkpointer, {
    intent: S3, runId: LONG_RUN, options: env.graph.options({ command: "run", apply: true, maxChanges: 100, actor: "alice@example.com (via dashboard)" }),
  });
  expect(report.status).toBe("completed");
  policyId = report.policy?.id ?? "";
  const { store } = env.graph;
  const policy = await store.policies.getPolicy(policyId);
  if (!policy) throw new Error("the run published no policy");
  await store.policies.createPolicy({ ...policy, id: "org-wide-storage-encryption-and-public-access-guardrail-2026", version: 1, title: `${"Storage encryption and public access guardrail ".repeat(3)}for every account` }, "bob");
  await store.history.recordObservation({
    runId: LONG_RUN, policyId: "org-wide-storage-encryption-and-public-access-guardrail-2026", policyVersion: 1, coverage: { regions: null, kinds: ["aws.s3.bucket"] },
    findings: [0, 1, 2].map((i) => ({
      policyId: "org-wide-storage-encryption-and-public-access-guardrail-2026", policyVersion: 1, ruleId: policy.rules[0]?.id ?? "r", kind: "aws.s3.bucket",
      resourceId: ARN(i), region: "ap-southeast-2", status: "fail" as const, reason: REASON, evidence: [],
    })),
  });
  for (let i = 0; i < 3; i++) {
    await store.runs.createRun({ id: `${LONG_RUN.slice(0, 58)}${i}x`, intent: `${REASON} ${i}`, kind: "check", target: { type: "sandbox" }, actor: `token:${"ci-pipeline-".repeat(4)}${i}` });
  }
  const longJson = { policy: `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"${ARN(9)}/*"}]}`, tags: Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`tag-${i}`, "x".repeat(90)])) };
  await store.audit.appendAudit({
    actor: `token:${"automation-".repeat(5)}`, action: "s3.block-public-access-and-enable-default-encryption", result: "verified", detail: REASON,
    runId: LONG_RUN, policyId, resourceId: ARN(9), before: longJson, after: { ...longJson, policy: null },
  });
  base = await env.server.listen({ port: 0, host: "127.0.0.1" });
  browser = await openBrowser();
  await browser.page.context().addCookies([{ name: "agpm_session", value: env.tokens.approver, url: base }]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await env?.close();
});

describe("when an approver opens each page on a 1366×900 screen", () => {
  it("fits every page in the window: no sideways scroll, no table or block past its container", { timeout: 120_000 }, async () => {
    const pages: Array<[string, string]> = [
      ["layout-overview", "/"],
      ["layout-findings", "/findings"],
      ["layout-run", `/runs/${LONG_RUN}`],
      ["layout-policies", "/policies"],
      ["layout-policy", `/policies/${policyId}`],
      ["layout-audit", "/audit"],
      ["layout-intent", "/intents/new"],
    ];
    const problems: Record<string, string[]> = {};
    for (const [shot, url] of pages) {
      const response = await browser.page.goto(`${base}${url}`);
      const status = response?.status();
      problems[url] = [...(status === 200 ? [] : [`status ${status}`]), ...(await overflows(browser.page))];
      await browser.shot(shot);
    }
    expect(problems).toEqual(Object.fromEntries(pages.map(([, url]) => [url, []])));
  });
});
