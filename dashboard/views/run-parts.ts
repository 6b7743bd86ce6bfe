// The run page's change tables: what approval would let agpm change, and what it did (before → after).
import type { RunReport } from "../../agents/reporter/report.js";
import { html, type Html } from "../html.js";
import { badge, jsonBlock } from "./format.js";

interface PlannedChange {
  resourceId: string;
  kind: string;
  region: string;
  fix: string;
  rules: string[];
}

/**
 * While a run waits for approval its report has no actions yet; what it would do is each failing
 * finding's rule remediation, one change per (resource, fix) — the pairs the blast radius counts.
 */
export function planFromFindings(report: RunReport): PlannedChange[] {
  const fixes = new Map((report.policy?.rules ?? []).map((r) => [r.id, r.remediation]));
  const changes = new Map<string, PlannedChange>();
  for (const f of report.findings) {
    const fix = fixes.get(f.ruleId);
    if (f.status !== "fail" || !fix) continue;
    const key = [f.kind, f.region, f.resourceId, fix].join("\u0000");
    const change = changes.get(key) ?? { resourceId: f.resourceId, kind: f.kind, region: f.region, fix, rules: [] };
    change.rules.push(f.ruleId);
    changes.set(key, change);
  }
  return [...changes.values()];
}

export function plannedChanges(report: RunReport): Html {
  const changes = planFromFindings(report);
  if (changes.length === 0) return html`<p class="muted">No automatic change is planned.</p>`;
  return html`<h3>Changes approval would allow</h3>
    <table id="planned"><thead><tr><th>Resource</th><th>Fix</th><th>For rules</th></tr></thead><tbody>
    ${changes.map((c) => html`<tr><td class="mono">${c.resourceId}<div class="muted small">${c.kind} · ${c.region}</div></td><td class="mono">${c.fix}</td><td class="mono small">${c.rules.join(", ")}</td></tr>`)}
    </tbody></table>`;
}

export function actionsTable(report: RunReport): Html {
  if (report.actions.length === 0) return html``;
  return html`<section class="card" id="actions"><h2>Actions</h2>
    <table><thead><tr><th>Resource</th><th class="c-rule">Action</th><th class="c-status">Status</th><th>What</th><th>Before → after</th></tr></thead><tbody>
    ${report.actions.map((a) => html`<tr data-resource="${a.resourceId}" data-status="${a.status}">
      <td class="mono">${a.resourceId}<div class="muted small">${a.kind} · ${a.region}</div></td>
      <td class="mono small">${a.action}</td><td>${badge(a.status)}</td>
      <td class="small">${a.summary}${a.detail ? html`<div class="muted">${a.detail}</div>` : ""}</td>
      <td><details><summary>show</summary>${jsonBlock(a.before)}${jsonBlock(a.after)}</details></td>
    </tr>`)}
    </tbody></table></section>`;
}
