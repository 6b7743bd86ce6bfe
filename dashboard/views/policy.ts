// A policy: one version in plain words, and every version with what it changed from the one before.
import type { PolicyChange } from "../../engine/version.js";
import type { Policy } from "../../contracts/policy.js";
import { html, href, type Html } from "../html.js";
import type { Counts } from "../queries.js";
import type { Session } from "../session.js";
import { chartLegend, driftChart, type Point } from "./chart.js";
import { badge, countsBar, plural, when } from "./format.js";
import { layout } from "./layout.js";

export interface VersionView {
  version: number;
  createdAt: string;
  createdBy: string;
  intent: string;
  title: string;
  mode: string;
  /** null for version 1. */
  changes: PolicyChange[] | null;
}

export interface PolicyPageData {
  policy: Policy;
  /** The newest version's number (the page may show an older one). */
  current: number;
  status: string;
  explanation: string;
  versions: VersionView[];
  counts: Counts;
  chart: Point[];
}

function versionsTable(data: PolicyPageData): Html {
  return html`<table id="versions"><thead><tr><th class="c-version">Version</th><th class="c-when">Created</th><th class="c-who">By</th><th>Intent</th><th>Changes from the previous version</th></tr></thead><tbody>
    ${[...data.versions].reverse().map((v) => html`<tr data-version="${v.version}"${v.version === data.policy.version ? html` class="selected"` : ""}>
      <td><a href="${href("/policies", [data.policy.id], { version: v.version })}">v${v.version}</a>${v.version === data.current ? html` ${badge("current")}` : ""}</td>
      <td class="small">${when(v.createdAt)}</td><td class="small">${v.createdBy}</td><td>${v.intent}</td>
      <td>${v.changes === null ? html`<span class="muted">created</span>` : v.changes.length === 0 ? html`<span class="muted">no change in content</span>`
        : html`<ul class="changes">${v.changes.map((c) => html`<li data-change="${c.change}">${c.text}</li>`)}</ul>`}</td>
    </tr>`)}
  </tbody></table>`;
}

export function policyPage(data: PolicyPageData, session: Session): Html {
  const { policy, counts } = data;
  return layout({
    title: policy.title,
    session,
    section: "policies",
    body: html`<h1>${policy.title}</h1>
      <p class="muted small mono">${policy.id} · showing v${policy.version}${policy.version !== data.current ? html` (current is <a href="${href("/policies", [policy.id])}">v${data.current}</a>)` : ""} · ${policy.mode} · ${badge(data.status)}</p>
      <div class="grid">
        <section class="card"><h2>Now</h2>${countsBar(counts)}
          <p><a href="${href("/findings", [], { policy: policy.id, status: "fail" })}">${counts.fail} failing</a>, ${plural(counts.error, "error")},
          <a href="${href("/findings", [], { policy: policy.id, status: "pass" })}">${counts.pass} passing</a>, ${counts.skip} skipped.</p></section>
        <section class="card"><h2>Drift, last 30 days</h2>${driftChart(data.chart, { title: `Drift of ${policy.id}, last 30 days` })}${chartLegend()}</section>
      </div>
      <section class="card" id="explanation"><h2>What it says (v${policy.version})</h2><pre class="explain">${data.explanation}</pre>
        <p class="small muted">Asked for with: “${policy.intent}”</p></section>
      <h2>Versions</h2>
      ${versionsTable(data)}
      <p><a href="${href("/audit", [], { policy: policy.id })}">Audit log of this policy</a></p>`,
  });
}
