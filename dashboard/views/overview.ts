// The overview: each active policy with its pass/fail/error/skip counts now, drift over time,
// runs waiting for a decision and the latest runs.
import { html, href, type Html } from "../html.js";
import type { Counts } from "../queries.js";
import type { Session } from "../session.js";
import type { PolicySummary, Run } from "../../store/index.js";
import { chartLegend, driftChart, RANGE_KEYS, type Point, type RangeKey } from "./chart.js";
import { badge, countsBar, plural, policyLink, runLink, when } from "./format.js";
import { layout } from "./layout.js";

export interface PolicyPosture {
  policy: PolicySummary;
  counts: Counts;
  /** False until a run or sweep of the current policy has recorded statuses. */
  observed: boolean;
  spark: Point[];
}

export interface OverviewData {
  policies: PolicyPosture[];
  totals: Counts;
  chart: Point[];
  range: RangeKey;
  waiting: Run[];
  recent: Run[];
}

function countCells(counts: Counts): Html {
  return html`<td class="num n-pass">${counts.pass}</td><td class="num n-fail">${counts.fail}</td><td class="num n-error">${counts.error}</td><td class="num n-skip">${counts.skip}</td>`;
}

function policiesTable(rows: PolicyPosture[], range: RangeKey): Html {
  if (rows.length === 0) {
    return html`<p class="muted">No active policy yet. ${html`<a href="/intents/new">Submit an intent</a>`} such as “Ensure all S3 buckets are private and encrypted.”</p>`;
  }
  return html`<table class="policies">
    <thead><tr><th>Policy</th><th class="c-mode">Mode</th><th class="c-num">Pass</th><th class="c-num">Fail</th><th class="c-num">Error</th><th class="c-num">Skip</th><th class="c-chart">Posture</th><th class="c-chart">Drift (${range})</th></tr></thead>
    <tbody>${rows.map(({ policy, counts, observed, spark }) => html`<tr data-policy="${policy.id}">
      <td>${policyLink(policy.id, policy.title)}<div class="muted small mono">${policy.id} · v${policy.version} · ${policy.kinds.join(", ")}</div></td>
      <td>${policy.mode}</td>
      ${countCells(counts)}
      <td>${observed ? html`<a href="${href("/findings", [], { policy: policy.id, status: counts.fail > 0 ? "fail" : undefined })}">${countsBar(counts)}</a>` : html`<span class="muted small">not observed yet</span>`}</td>
      <td>${driftChart(spark, { title: `Drift of ${policy.id}`, compact: true })}</td>
    </tr>`)}</tbody>
  </table>`;
}

function runsTable(runs: Run[], empty: string): Html {
  if (runs.length === 0) return html`<p class="muted">${empty}</p>`;
  return html`<table>
    <thead><tr><th class="c-run">Run</th><th class="c-state">Status</th><th>Intent</th><th class="c-who">By</th><th class="c-when">Updated</th></tr></thead>
    <tbody>${runs.map((run) => html`<tr>
      <td>${runLink(run.id)}</td><td>${badge(run.status)}</td><td>${run.intent}</td><td class="small">${run.actor}</td><td class="small">${when(run.updatedAt)}</td>
    </tr>`)}</tbody>
  </table>`;
}

export function overviewPage(data: OverviewData, session: Session): Html {
  const { totals } = data;
  const failing = totals.fail + totals.error;
  return layout({
    title: "Overview",
    session,
    section: "overview",
    body: html`
      <h1>Posture</h1>
      <div class="grid">
        <div class="card"><div class="muted small">Active policies</div><div class="stat" id="total-policies">${data.policies.length}</div></div>
        <div class="card"><div class="muted small">Failing now</div><div class="stat" id="total-failing">${failing}</div><div class="small muted">${plural(totals.fail, "failure")}, ${plural(totals.error, "error")}</div></div>
        <div class="card"><div class="muted small">Passing now</div><div class="stat" id="total-passing">${totals.pass}</div><div class="small muted">${totals.skip} skipped (exempt)</div></div>
        <div class="card"><div class="muted small">Awaiting approval</div><div class="stat" id="total-waiting">${data.waiting.length}</div></div>
      </div>
      <section class="card">
        <h2>Drift over time <span class="muted small">(UTC)</span></h2>
        <p class="small">Range: ${RANGE_KEYS.map((key) => (key === data.range ? html`<strong>${key}</strong> ` : html`<a href="${href("/", [], { range: key })}">${key}</a> `))}</p>
        ${driftChart(data.chart, { title: `Drift, last ${data.range}` })}
        ${chartLegend()}
      </section>
      ${data.waiting.length > 0 && html`<h2>Awaiting approval</h2>${runsTable(data.waiting, "")}`}
      <h2>Policies</h2>
      ${policiesTable(data.policies, data.range)}
      <h2>Latest runs</h2>
      ${runsTable(data.recent, "No run yet.")}`,
  });
}
