// The audit log: changes, decisions and requests with who made them, newest first.
import type { AuditEvent } from "../../store/index.js";
import { formatLocation } from "../../contracts/resource.js";
import { html, href, type Html } from "../html.js";
import type { AuditFilters } from "../queries.js";
import type { Session } from "../session.js";
import { badge, jsonBlock, policyLink, runLink, when } from "./format.js";
import { layout } from "./layout.js";

export interface AuditData {
  filters: AuditFilters;
  items: AuditEvent[];
  /** The link to the next (older) page, when there is one. */
  nextCursor: string | null;
  /** True when this is not the first page. */
  paged: boolean;
}

function filterForm(filters: AuditFilters): Html {
  const field = (name: keyof AuditFilters, label: string, hint: string) =>
    html`<label>${label}<input type="text" name="${name}" value="${filters[name] ?? ""}" placeholder="${hint}"></label>`;
  return html`<form class="filters" method="get" action="/audit">
    ${field("actor", "Actor", "token:ci, slack:U123…")}${field("action", "Action", "approval, http…")}${field("result", "Result", "verified, 403…")}
    ${field("run", "Run", "run_…")}${field("policy", "Policy", "policy id")}
    <button type="submit">Filter</button> <a href="/audit">Clear</a>
    <a href="${href("/audit.csv", [], { ...filters })}" download>Download CSV</a>
  </form>`;
}

function row(e: AuditEvent): Html {
  const hasChange = e.before !== null || e.after !== null;
  return html`<tr>
    <td class="small">${when(e.at)}</td><td class="small">${e.actor}</td><td class="mono small">${e.action ?? "—"}</td><td>${badge(e.result)}</td>
    <td class="small">${e.resourceId ? html`<span class="mono">${e.resourceId}</span>` : ""}${e.location ? html`<div class="muted mono">${formatLocation(e.location)}</div>` : ""}${e.runId ? html`<div>${runLink(e.runId)}</div>` : ""}${e.policyId ? html`<div>${policyLink(e.policyId, e.policyId, e.policyVersion)}</div>` : ""}</td>
    <td class="small">${e.detail ?? ""}${hasChange ? html`<details><summary>before → after</summary>${jsonBlock(e.before)}${jsonBlock(e.after)}</details>` : ""}</td>
  </tr>`;
}

export function auditPageView(data: AuditData, session: Session): Html {
  return layout({
    title: "Audit log",
    session,
    section: "audit",
    body: html`<h1>Audit log</h1>
      ${filterForm(data.filters)}
      ${data.items.length === 0 ? html`<p class="muted">No event matches.</p>` : html`<table class="audit">
        <thead><tr><th class="c-when">At</th><th class="c-who">Actor</th><th class="c-rule">Action</th><th class="c-state">Result</th><th>Subject</th><th>Detail</th></tr></thead>
        <tbody>${data.items.map(row)}</tbody></table>`}
      <div class="pager">
        ${data.paged ? html`<a href="${href("/audit", [], { ...data.filters })}">← Newest</a>` : ""}
        ${data.nextCursor ? html`<a rel="next" href="${href("/audit", [], { ...data.filters, cursor: data.nextCursor })}">Older →</a>` : html`<span class="muted">End of the log</span>`}
      </div>`,
  });
}
