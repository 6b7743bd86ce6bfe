// Findings: the current status of every (policy, rule, resource), filtered and paged.
import { html, href, type Html } from "../html.js";
import type { StateFilters, StateRow } from "../queries.js";
import type { Session } from "../session.js";
import type { PolicySummary } from "../../store/index.js";
import { badge, plural, policyLink, runLink, when } from "./format.js";
import { layout } from "./layout.js";

export interface FindingsData {
  filters: StateFilters;
  policies: PolicySummary[];
  /** Partitions (AWS: regions) statuses were observed in (the location filter's choices). */
  partitions: string[];
  rows: StateRow[];
  total: number;
  page: number;
  pageSize: number;
}

const STATUSES = ["fail", "error", "pass", "skip"] as const;
const SEVERITIES = ["critical", "high", "medium", "low"] as const;

const choice = (value: string, current: string | undefined, text: string = value) =>
  html`<option value="${value}"${current === value ? html` selected` : ""}>${text}</option>`;

function filterForm(data: FindingsData): Html {
  const { filters } = data;
  return html`<form class="filters" method="get" action="/findings">
    <label>Policy<select name="policy" class="wide"><option value="">all</option>${data.policies.map((p) => choice(p.id, filters.policy, p.title))}</select></label>
    <label>Status<select name="status"><option value="">all</option>${STATUSES.map((s) => choice(s, filters.status))}</select></label>
    <label>Severity<select name="severity"><option value="">all</option>${SEVERITIES.map((s) => choice(s, filters.severity))}</select></label>
    <label>Region / partition<select name="partition"><option value="">all</option>${data.partitions.map((p) => choice(p, filters.partition ?? filters.region))}</select></label>
    <label>Resource<input type="search" name="resource" value="${filters.resource ?? ""}" placeholder="part of a resource id"></label>
    <button type="submit">Filter</button>
    <a href="/findings">Clear</a>
    <a href="${href("/findings.csv", [], { ...filters })}" download>Download CSV</a>
  </form>`;
}

function pager(data: FindingsData): Html {
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  const link = (page: number) => href("/findings", [], { ...data.filters, page: page > 1 ? page : undefined, size: data.pageSize !== 50 ? data.pageSize : undefined });
  return html`<div class="pager">
    ${data.page > 1 ? html`<a rel="prev" href="${link(data.page - 1)}">← Previous</a>` : html`<span class="muted">← Previous</span>`}
    <span>Page ${data.page} of ${pages} · ${plural(data.total, "finding")}</span>
    ${data.page < pages ? html`<a rel="next" href="${link(data.page + 1)}">Next →</a>` : html`<span class="muted">Next →</span>`}
  </div>`;
}

function row(r: StateRow): Html {
  const reason = r.reason ?? (r.status === "pass" ? html`fixed or passing since ${runLink(r.runId, "this run")}` : "");
  return html`<tr data-status="${r.status}">
    <td>${badge(r.status)}</td>
    <td class="severity">${r.severity ? html`<span class="sev sev-${r.severity}">${r.severity}</span>` : html`<span class="muted">—</span>`}</td>
    <td class="mono">${r.resourceId}<div class="muted small">${r.kind} · ${r.region}</div></td>
    <td class="mono small">${r.ruleId}</td>
    <td>${policyLink(r.policyId, r.policyId, r.policyVersion)}</td>
    <td class="small">${reason}</td>
    <td class="small">${when(r.since)}</td>
    <td class="small">${runLink(r.runId)}</td>
  </tr>`;
}

export function findingsPage(data: FindingsData, session: Session): Html {
  return layout({
    title: "Findings",
    session,
    section: "findings",
    body: html`<h1>Findings</h1>
      <p class="muted small">The status of each rule on each resource as last observed (by a run or a sweep), verified fixes included.</p>
      ${filterForm(data)}
      ${data.rows.length === 0 ? html`<p class="muted">No finding matches.</p>` : html`<table class="findings">
        <thead><tr><th class="c-status">Status</th><th class="c-sev">Severity</th><th>Resource</th><th class="c-rule">Rule</th><th class="c-rule">Policy</th><th>Why</th><th class="c-when">Since</th><th class="c-run">Last run</th></tr></thead>
        <tbody>${data.rows.map(row)}</tbody>
      </table>`}
      ${pager(data)}`,
  });
}
