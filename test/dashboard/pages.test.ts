// Every page over plain HTTP (no browser) on a store seeded by a real run: what a viewer sees,
// filters and paging, policy versions, hostile text shown escaped, and "not found" as a page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunReport } from "../../agents/reporter/report.js";
import { startRun } from "../../graphs/runner.js";
import { nextVersion } from "../../engine/version.js";
import { createDashboardEnv, type DashboardEnv } from "./dashboard-env.js";

const S3 = "Ensure all AWS cloud storage buckets are private and encrypted.";
const XSS = `<script>alert("x")</script>`;

let env: DashboardEnv;
/** Paused on the S3 policy, then overtaken by its version 2: stale. */
let paused: RunReport;
/** Paused on another policy, still waiting. */
let waiting: RunReport;
let policyId: string;

beforeAll(async () => {
  env = await createDashboardEnv();
  ({ report: paused } = await startRun(env.graph.deps, env.graph.store.checkpointer, {
    intent: S3, options: env.graph.options({ command: "run", apply: true, maxChanges: 0, actor: "alice" }),
  }));
  policyId = paused.policy?.id ?? "";
  const { store } = env.graph;
  const policy = await store.policies.getPolicy(policyId);
  if (!policy) throw new Error("the run published no policy");
  // Version 2 switches to audit mode, so the policy page has a diff to show.
  await store.policies.addVersion(nextVersion(policy, { mode: "audit", intent: "Only report S3 findings" }), "bob");
  ({ report: waiting } = await startRun(env.graph.deps, env.graph.store.checkpointer, {
    intent: "Require IMDSv2 on all EC2 instances.", options: env.graph.options({ command: "run", apply: true, maxChanges: 0, actor: "alice" }),
  }));
  expect(waiting.status).toBe("awaiting-approval");
  // Text written by people or other systems, shown on the pages: all of it must come out inert.
  await store.policies.createPolicy({ ...policy, id: "hostile-policy", version: 1, title: XSS, intent: `<img src=x onerror=alert(1)>` }, `<b>mallory</b>`);
  await store.history.recordObservation({
    runId: paused.runId, policyId: "hostile-policy", policyVersion: 1, coverage: { regions: null, kinds: ["aws.s3.bucket"] },
    findings: [{ policyId: "hostile-policy", policyVersion: 1, ruleId: "s3.bucket-encrypted", kind: "aws.s3.bucket", resourceId: `<img src=x onerror=alert(2)>`, region: "us-east-1", status: "fail", reason: XSS, evidence: [] }],
  });
  await store.runs.createRun({ id: "run_hostile", intent: `Check ${XSS}`, kind: "check", target: { type: "sandbox" }, actor: `<i>eve</i>` });
  await store.audit.appendAudit({ actor: `<svg onload=alert(3)>`, action: "note", result: "ok", detail: XSS, runId: "run_hostile" });
}, 60_000);

afterAll(async () => {
  await env.close();
});

function rows(body: string, pattern: RegExp): string[] {
  return [...body.matchAll(pattern)].map((m) => m[1] ?? "");
}

describe("when a viewer opens each page", () => {
  it("renders every page as HTML with the page's security headers", async () => {
    const urls = [
      "/", "/?range=24h", "/?range=30d", "/?range=90d", "/findings", `/findings?policy=${policyId}&status=fail&resource=www`, "/findings?page=2&size=5",
      `/runs/${paused.runId}`, "/runs/run_hostile", `/policies/${policyId}`, `/policies/${policyId}?version=1`, "/policies/hostile-policy",
      "/audit", "/audit?actor=alice", "/login", "/policies", `/findings?severity=high&region=us-east-1`,
    ];
    for (const url of urls) {
      const page = await env.page("viewer", url);
      expect({ url, status: page.status, type: page.headers["content-type"] }).toEqual({ url, status: 200, type: "text/html; charset=utf-8" });
      expect(page.body).toMatch(/^<!doctype html>/);
      expect(page.headers["content-security-policy"]).toContain("default-src 'none'");
      expect(page.headers["cache-control"]).toBe("no-store");
    }
  });

  it("shows each active policy's counts now and the run waiting for approval on the overview", async () => {
    const page = await env.page("viewer", "/");
    const row = new RegExp(`<tr data-policy="${policyId}">[\\s\\S]*?<td class="num n-pass">(\\d+)</td><td class="num n-fail">(\\d+)</td>`).exec(page.body);
    expect(row?.slice(1)).toEqual(["15", "5"]);
    expect(rows(page.body, /id="total-waiting">(\d+)</g)).toEqual(["1"]);
    expect(page.body).toContain(`href="/runs/${waiting.runId}"`);
  });

  it("filters findings by policy, status and resource, and pages through them", async () => {
    const failing = await env.page("viewer", `/findings?policy=${policyId}&status=fail`);
    expect(rows(failing.body, /<tr data-status="(\w+)">/g)).toEqual(Array(5).fill("fail"));
    const www = await env.page("viewer", `/findings?policy=${policyId}&resource=www`);
    expect(rows(www.body, /<td class="mono">([^<]+)<div/g)).toEqual(["www-assets", "www-assets"]);

    const first = await env.page("viewer", `/findings?policy=${policyId}&size=6`);
    expect(rows(first.body, /<tr data-status="(\w+)">/g)).toHaveLength(6);
    expect(first.body).toContain("Page 1 of 4 · 20 findings");
    expect(first.body).toContain(`href="/findings?policy=${policyId}&amp;page=2&amp;size=6"`);
    const last = await env.page("viewer", `/findings?policy=${policyId}&size=6&page=4`);
    expect(rows(last.body, /<tr data-status="(\w+)">/g)).toEqual(["pass", "pass"]);
    expect(last.body).toContain('<span class="muted">Next →</span>');

    const bad = await env.page("viewer", "/findings?status=broken&page=0");
    expect(bad.status).toBe(400);
    expect(bad.body).toContain("query.status");
    expect(bad.body).toContain("query.page");
  });

  it("lists every policy with its mode, version, status, kinds, schedule, counts and newest run", async () => {
    await env.graph.store.policies.createPolicy({ ...(await env.graph.store.policies.getPolicy(policyId))!, id: "nightly-s3", version: 1, title: "Nightly S3", schedule: { cron: "0 2 * * *" } }, "ops");
    await env.graph.store.policies.retire("nightly-s3");
    const page = await env.page("viewer", "/policies");
    expect(page.body).toContain('<a href="/policies" aria-current="page">Policies</a>');
    const row = (id: string) => new RegExp(`<tr data-policy="${id}" data-status="(\\w+)">([\\s\\S]*?)</tr>`).exec(page.body);
    const s3 = row(policyId);
    expect(s3?.[1]).toBe("active");
    expect(s3?.[2]).toContain("v2");
    expect(s3?.[2]).toContain("aws.s3.bucket");
    expect(s3?.[2]).toContain('<td class="num n-fail">5</td>');
    expect(s3?.[2]).toContain(`href="/runs/${paused.runId}"`);
    const nightly = row("nightly-s3");
    expect(nightly?.[1]).toBe("retired");
    expect(nightly?.[2]).toContain("cron 0 2 * * * (UTC)");
    expect(nightly?.[2]).toContain(">none<");
    // Active policies come first.
    expect(page.body.indexOf(`data-policy="${policyId}"`)).toBeLessThan(page.body.indexOf('data-policy="nightly-s3"'));
  });

  it("shows each finding's severity and filters by severity and region", async () => {
    const all = await env.page("viewer", `/findings?policy=${policyId}`);
    const severities = rows(all.body, /<td class="severity"><span class="sev sev-(\w+)">/g);
    expect(severities).toHaveLength(20);
    expect(new Set(severities)).toEqual(new Set(["critical", "high"]));
    const high = await env.page("viewer", `/findings?policy=${policyId}&severity=high`);
    expect(rows(high.body, /<td class="severity"><span class="sev sev-(\w+)">/g)).toEqual(Array(10).fill("high"));
    const west = await env.page("viewer", `/findings?policy=${policyId}&region=eu-west-1`);
    const regions = rows(west.body, /<div class="muted small">aws\.s3\.bucket · ([a-z0-9-]+)<\/div>/g);
    expect(regions.length).toBeGreaterThan(0);
    expect(new Set(regions)).toEqual(new Set(["eu-west-1"]));
    expect(west.body).toContain('<option value="eu-west-1" selected>');
    expect((await env.page("viewer", "/findings?severity=urgent&region=EU%20west")).status).toBe(400);
  });

  it("exports the filtered findings and audit log as CSV, formulas defused", async () => {
    const csv = await env.page("viewer", `/findings.csv?policy=${policyId}&status=fail&severity=critical`);
    expect(csv.status).toBe(200);
    expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(csv.headers["content-disposition"]).toBe('attachment; filename="agpm-findings.csv"');
    const lines = csv.body.trimEnd().split("\r\n");
    expect(lines[0]).toBe("status,severity,policy,policy_version,rule,kind,region,resource,reason,since,last_seen,run,domain,partition,root");
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((l) => l.startsWith(`fail,critical,${policyId},`))).toBe(true);

    await env.graph.store.audit.appendAudit({ actor: "=cmd|' /C calc'!A0", action: "note", result: "ok", detail: 'a "quoted", multi\nline note', runId: "run_csv" });
    const audit = await env.page("viewer", "/audit.csv?run=run_csv");
    expect(audit.status).toBe(200);
    const [header, line] = audit.body.split("\r\n");
    expect(header).toBe("at,actor,action,result,run,policy,policy_version,resource,kind,region,detail,before,after,domain,partition,root,file,line");
    expect(line).toContain(`,'=cmd|' /C calc'!A0,note,ok,run_csv,`);
    expect(audit.body).toContain('"a ""quoted"", multi\nline note"');
    // An event about a resource carries its location in the last columns, and on the page.
    const location = { domain: "terraform", partition: "main.tf", root: "infra", file: "main.tf", line: 12 };
    await env.graph.store.audit.appendAudit({ actor: "alice", action: "s3.block-public-access", result: "manual", runId: "run_csv_loc", resourceId: "aws_s3_bucket.logs", kind: "aws.s3.bucket", location });
    const located = await env.page("viewer", "/audit.csv?run=run_csv_loc");
    expect(located.body.split("\r\n")[1]).toMatch(/,terraform,main\.tf,infra,main\.tf,12$/);
    expect((await env.page("viewer", "/audit?run=run_csv_loc")).body).toContain('<div class="muted mono">terraform main.tf:12</div>');
    expect((await env.page(null, "/findings.csv")).status).toBe(303);
  });

  it("shows a paused run's plan and its explanation, and tells a viewer an approver must decide", async () => {
    const page = await env.page("viewer", `/runs/${waiting.runId}`);
    expect(page.body).toContain("awaiting-approval");
    const radius = waiting.blastRadius;
    expect(radius?.resources).toBeGreaterThan(0);
    expect(page.body).toContain(`Blast radius: ${radius?.resources} resources, ${radius?.changes} changes, ${radius?.manual} manual.`);
    expect(rows(page.body, /<table id="planned">([\s\S]*?)<\/table>/g)[0]?.match(/<tr><td class="mono">/g)).toHaveLength(radius?.changes ?? -1);
    expect(page.body).toContain("IMDSv2");
    expect(page.body).toContain("Version 1: a new policy.");
    expect(page.body).not.toContain('id="decision"');
    expect(page.body).toContain("An approver must approve or reject this run.");
  });

  it("shows a run overtaken by a newer policy version as stale, with why, and offers no Approve even to an approver", async () => {
    const page = await env.page("approver", `/runs/${paused.runId}`);
    expect(page.body).toMatch(/<span class="badge bad"[^>]*>stale<\/span>/);
    expect(rows(page.body, /<div class="banner bad" role="alert" id="stale">([\s\S]*?)<\/div>/g)[0]).toContain(`policy ${policyId} has a newer version (v2)`);
    expect(page.body).not.toContain('id="decision"');
    expect(page.body).toContain("S3 buckets are not publicly accessible and have default encryption");
    // A form posted anyway (an old tab) is refused with the reason, and nothing is queued.
    const posted = await env.form("approver", `/runs/${paused.runId}/approve`, {});
    expect(posted.status).toBe(409);
    expect(posted.body).toContain("newer version (v2)");
    expect(await env.producer.queue.count()).toBe(0);
  });

  it("lists a policy's versions with what each changed, and shows an older version on request", async () => {
    const current = await env.page("viewer", `/policies/${policyId}`);
    expect(current.body).toContain("mode changed from enforce to audit");
    expect(rows(current.body, /<tr data-version="(\d+)"/g)).toEqual(["2", "1"]);
    const old = await env.page("viewer", `/policies/${policyId}?version=1`);
    expect(old.body).toContain("showing v1");
    expect(old.body).toContain("(current is");
    expect(old.body).toContain("enforce: fix what fails");
  });
});

describe("when stored text contains markup", () => {
  it("shows it escaped on every page that displays it", async () => {
    const pages = await Promise.all(["/", "/findings", "/policies/hostile-policy", "/runs/run_hostile", "/audit"].map((url) => env.page("viewer", url)));
    for (const page of pages) {
      expect(page.status).toBe(200);
      expect(page.body).not.toMatch(/<script>alert|<img src=x|<svg onload|<i>eve|<b>mallory/);
    }
    const [overview, findings, policy, run, audit] = pages.map((p) => p.body);
    expect(overview).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(findings).toContain("&lt;img src=x onerror=alert(2)&gt;");
    expect(policy).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(policy).toContain("&lt;b&gt;mallory&lt;/b&gt;");
    expect(run).toContain("Check &lt;script&gt;");
    expect(audit).toContain("&lt;svg onload=alert(3)&gt;");
  });
});

describe("when a page does not exist", () => {
  it("answers browsers with a 404 page and API clients with the API's JSON 404", async () => {
    const page = await env.page("viewer", "/no/such/page");
    expect(page.status).toBe(404);
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(page.body).toContain("There is no page at /no/such/page.");

    const signedOut = await env.page(null, "/nope");
    expect(signedOut.status).toBe(404);

    for (const url of ["/runs/run_missing", "/policies/missing"]) {
      const missing = await env.page("viewer", url);
      expect(missing.status).toBe(404);
      expect(missing.body).toContain("404 · Not found");
    }

    const api = await env.request("viewer", "GET", "/v1/nope");
    expect(api.status).toBe(404);
    expect(api.json()).toMatchObject({ error: { code: "NOT_FOUND", message: "no route GET /v1/nope" } });
  });
});
