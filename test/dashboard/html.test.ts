// The dashboard's building blocks: escaping templates, safe links, the sign-in redirect target,
// the drift timeline and its SVG, and the changes a paused run would make.
import { describe, expect, it } from "vitest";
import type { RunReport } from "../../agents/reporter/report.js";
import { safeNext } from "../../dashboard/context.js";
import { escapeHtml, href, html, join } from "../../dashboard/html.js";
import type { ChangeBucket } from "../../dashboard/queries.js";
import { csvCell, toCsv } from "../../dashboard/csv.js";
import { driftChart, rangeStart, timeline, yTicks } from "../../dashboard/views/chart.js";
import { middleCut } from "../../dashboard/views/format.js";
import { planFromFindings } from "../../dashboard/views/run-parts.js";

describe("when text is put into a template", () => {
  it("escapes every character that could open markup or leave an attribute", () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&\``)).toBe("&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&#96;");
    const hostile = `"><script>alert(1)</script>`;
    expect(html`<p title="${hostile}">${hostile}</p>`.toString()).toBe(
      `<p title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</p>`,
    );
  });

  it("keeps markup it built, joins arrays, and drops false, null and undefined", () => {
    const items = ["<b>", "c"].map((t) => html`<li>${t}</li>`);
    expect(html`<ul>${items}${false}${null}${undefined}${0}</ul>`.toString()).toBe("<ul><li>&lt;b&gt;</li><li>c</li>0</ul>");
    expect(join([html`<i>a</i>`, "<b>"], " & ").toString()).toBe("<i>a</i> &amp; &lt;b&gt;");
  });
});

describe("when a link is built from ids and filters", () => {
  it("percent-encodes path segments and query values and leaves out empty filters", () => {
    expect(href("/runs", ["run_1/../../x"], { tab: "a&b=c", empty: "", none: undefined })).toBe("/runs/run_1%2F..%2F..%2Fx?tab=a%26b%3Dc");
    expect(href("/", [], {})).toBe("/");
  });

  it("sends the browser back only to a path on this server after signing in", () => {
    expect(safeNext("/runs/run_1?x=1")).toBe("/runs/run_1?x=1");
    for (const bad of ["//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)", "/a\r\nSet-Cookie: x", undefined]) {
      expect(safeNext(bad)).toBe("/");
    }
  });
});

describe("when changes are drawn over time", () => {
  const now = new Date("2026-11-25T17:40:00Z");
  const rows: ChangeBucket[] = [
    { bucket: "2026-11-25", policyId: "p", change: "drift", count: 3 },
    { bucket: "2026-11-25", policyId: "p", change: "remediated", count: 2 },
    { bucket: "2026-11-24", policyId: "p", change: "recovered", count: 1 },
    { bucket: "2026-11-24", policyId: "p", change: "removed", count: 9 },
    { bucket: "2026-11-01", policyId: "p", change: "drift", count: 7 },
  ];

  it("counts drift against fixes per UTC day, with empty days and nothing outside the range", () => {
    expect(rangeStart("7d", now).toISOString()).toBe("2026-11-19T00:00:00.000Z");
    const points = timeline(rows, "7d", now);
    expect(points.map((p) => p.bucket)).toEqual(["2026-11-19", "2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23", "2026-11-24", "2026-11-25"]);
    expect(points.at(-1)).toEqual({ bucket: "2026-11-25", drift: 3, fixed: 2 });
    expect(points.at(-2)).toEqual({ bucket: "2026-11-24", drift: 0, fixed: 1 });
  });

  it("uses UTC hours for the last 24 hours", () => {
    const points = timeline([{ bucket: "2026-11-25T17", policyId: "p", change: "drift", count: 4 }], "24h", now);
    expect(points).toHaveLength(24);
    expect(points[0]?.bucket).toBe("2026-11-24T18");
    expect(points.at(-1)).toEqual({ bucket: "2026-11-25T17", drift: 4, fixed: 0 });
  });

  it("draws a bar per non-empty count, each with its numbers in a title", () => {
    const svg = driftChart(timeline(rows, "7d", now), { title: "Drift <all>" }).toString();
    expect(svg).toContain('aria-label="Drift &lt;all&gt;: 3 drift, 3 fixed"');
    expect(svg.match(/class="drift"/g)).toHaveLength(1);
    expect(svg.match(/class="fixed"/g)).toHaveLength(2);
    expect(svg).toContain("<title>2026-11-25: 3 drift, 2 fixed</title>");
    expect(driftChart(timeline([], "7d", now), { title: "t", compact: true }).toString()).not.toContain("<text");
  });
});

describe("when a run waits for approval", () => {
  it("lists one change per resource and fix for failing findings whose rule has a fix", () => {
    const report = {
      policy: { rules: [{ id: "pub", remediation: "s3.block-public-access" }, { id: "enc", remediation: "s3.enable-default-encryption" }, { id: "tag", remediation: null }] },
      findings: [
        { resourceId: "a", kind: "aws.s3.bucket", region: "us-east-1", ruleId: "pub", status: "fail", reason: "" },
        { resourceId: "a", kind: "aws.s3.bucket", region: "us-east-1", ruleId: "enc", status: "fail", reason: "" },
        { resourceId: "b", kind: "aws.s3.bucket", region: "us-east-1", ruleId: "tag", status: "fail", reason: "" },
        { resourceId: "c", kind: "aws.s3.bucket", region: "us-east-1", ruleId: "enc", status: "error", reason: "" },
      ],
    } as unknown as RunReport;
    expect(planFromFindings(report)).toEqual([
      { resourceId: "a", kind: "aws.s3.bucket", region: "us-east-1", fix: "s3.block-public-access", rules: ["pub"] },
      { resourceId: "a", kind: "aws.s3.bucket", region: "us-east-1", fix: "s3.enable-default-encryption", rules: ["enc"] },
    ]);
  });
});

describe("when the drift chart picks its scale", () => {
  it("ticks from 0 to a round top in whole steps, with distinct labels", () => {
    expect(yTicks(0)).toEqual([0, 1]);
    expect(yTicks(1)).toEqual([0, 1]);
    expect(yTicks(3)).toEqual([0, 1, 2, 3]);
    expect(yTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(yTicks(1000)).toEqual([0, 500, 1000]);
    for (let max = 0; max <= 2000; max += 7) {
      const ticks = yTicks(max);
      expect(ticks[0]).toBe(0);
      expect(ticks.at(-1)).toBeGreaterThanOrEqual(max);
      expect(ticks.length).toBeLessThanOrEqual(5);
      expect(ticks.every((t) => Number.isInteger(t))).toBe(true);
    }
  });

  it("labels the axis 0, drift above with +, fixes below with −, never the same number at both ends", () => {
    const svg = driftChart([{ bucket: "2026-11-25", drift: 3, fixed: 7 }], { title: "t" }).toString();
    const labels = [...svg.matchAll(/<text class="tick-label"[^>]*>([^<]+)<\/text>/g)].map((m) => m[1]);
    expect(labels).toEqual(["0", "+2", "−2", "+4", "−4", "+6", "−6", "+8", "−8"]);
    expect(new Set(labels).size).toBe(labels.length);
  });
});

describe("when findings or the audit log are exported as CSV", () => {
  it("quotes what needs quoting and keeps formulas from running in a spreadsheet", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
    for (const formula of ["=HYPERLINK(\"x\")", "+1", "-1+1", "@SUM(A1)", "\t=1"]) expect(csvCell(formula).replace(/^"/, "")).toMatch(/^'/);
    expect(csvCell("=1,2")).toBe(`"'=1,2"`);
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(null)).toBe("");
    expect(toCsv(["a", "b"], [["1", undefined], ["x,y", 2]])).toBe('a,b\r\n1,\r\n"x,y",2\r\n');
  });
});

describe("when a long id is shown in a narrow column", () => {
  it("cuts it in the middle, keeping both ends", () => {
    const id = `run_${"a".repeat(20)}${"z".repeat(36)}`;
    expect(middleCut(id)).toBe("run_aaaaaa…zzzzzzzzz");
    expect(middleCut(id)).toHaveLength(20);
    expect(middleCut("run_short")).toBe("run_short");
  });
});
