// The policies list: every policy, active or retired, with its mode, version, kinds, schedule,
// counts now and its newest run.
import { html, href, type Html } from "../html.js";
import type { Counts, LastRun } from "../queries.js";
import type { Session } from "../session.js";
import type { PolicySummary } from "../../store/index.js";
import { badge, countsBar, policyLink, runLink, when } from "./format.js";
import { layout } from "./layout.js";

export interface PolicyListRow {
  policy: PolicySummary;
  /** How it is swept on its own ("every 900 s", "cron 0 2 * * * (UTC)"), or null when it has no schedule. */
  schedule: string | null;
  counts: Counts;
  observed: boolean;
  lastRun: LastRun | null;
}

export function policiesPage(rows: PolicyListRow[], session: Session): Html {
  const body = rows.length === 0
    ? html`<p class="muted">No policy yet. <a href="/intents/new">Submit an intent</a> to publish one.</p>`
    : html`<table class="policy-list">
      <thead><tr><th>Policy</th><th class="c-mode">Mode</th><th class="c-mode">Version</th><th class="c-status">Status</th><th class="c-who">Schedule</th>
      <th class="c-num">Fail</th><th class="c-num">Error</th><th class="c-num">Pass</th><th class="c-num">Skip</th><th class="c-run">Last run</th></tr></thead>
      <tbody>${rows.map(({ policy, schedule, counts, observed, lastRun }) => html`<tr data-policy="${policy.id}" data-status="${policy.status}">
        <td>${policyLink(policy.id, policy.title)}<div class="muted small mono">${policy.id} · ${policy.kinds.join(", ")}</div>${observed ? html`<a href="${href("/findings", [], { policy: policy.id })}">${countsBar(counts)}</a>` : ""}</td>
        <td>${policy.mode}</td><td class="num">v${policy.version}</td><td>${badge(policy.status)}</td>
        <td class="small">${schedule ?? html`<span class="muted">none</span>`}</td>
        <td class="num n-fail">${counts.fail}</td><td class="num n-error">${counts.error}</td><td class="num n-pass">${counts.pass}</td><td class="num n-skip">${counts.skip}</td>
        <td class="small">${lastRun ? html`${runLink(lastRun.id)}<div>${badge(lastRun.status)}</div><div class="muted">${when(lastRun.createdAt)}</div>` : html`<span class="muted">none</span>`}</td>
      </tr>`)}</tbody></table>`;
  return layout({
    title: "Policies",
    session,
    section: "policies",
    body: html`<h1>Policies</h1>
      <p class="muted small">Every policy, active and retired; counts are the statuses last observed for its rules.</p>
      ${body}`,
  });
}
