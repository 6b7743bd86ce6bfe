// A run: where it is (queued, running, paused, done), the policy in plain words, the plan and
// what would change, the diff from the previous version, findings now, actions, and the decision.
import { roleAllows } from "../../api/auth.js";
import { needsAttention, type RunReport } from "../../agents/reporter/report.js";
import type { PolicyChange } from "../../engine/version.js";
import type { FindingState, Run } from "../../store/index.js";
import { html, href, type Html } from "../html.js";
import { stateKey } from "../queries.js";
import type { Session } from "../session.js";
import { badge, csrfField, jsonBlock, plural, policyLink, when } from "./format.js";
import { layout } from "./layout.js";
import { actionsTable, plannedChanges } from "./run-parts.js";

export interface JobInfo {
  id: string;
  state: string;
  failedReason: string | null;
}

export type PolicyDiff = { kind: "created"; version: number } | { kind: "changed"; from: number; to: number; changes: PolicyChange[] };

export interface RunPageData {
  id: string;
  run: Run | null;
  report: RunReport | null;
  /** The queue job that carries the run, while the server remembers it. */
  job: JobInfo | null;
  /** A decision this page queued (from the redirect after Approve/Reject). */
  decision: JobInfo | null;
  diff: PolicyDiff | null;
  /** Current status of the report's findings (rule, kind, region, resource → state). */
  now: Map<string, FindingState>;
  notice: "submitted" | "approved" | "rejected" | null;
}

const WORKING = new Set(["waiting", "delayed", "prioritized", "waiting-children", "active"]);

export function statusOf(data: RunPageData): string {
  if (data.run) return data.run.status;
  return data.job?.state === "failed" ? "failed" : "queued";
}

/** The run is moving on its own: reload the page until it settles. */
export function isWorking(data: RunPageData): boolean {
  const status = statusOf(data);
  if (status === "queued" || status === "running") return !(data.job && data.job.state === "failed");
  return status === "awaiting-approval" && data.decision !== null && WORKING.has(data.decision.state);
}

function banners(data: RunPageData, session: Session): Html {
  const status = statusOf(data);
  const decisionPending = data.decision !== null && WORKING.has(data.decision.state);
  // What the form just did, said only until the run has moved on (the page keeps its URL while it reloads).
  const notice = data.notice === "submitted" && status === "queued" ? html`<div class="banner good" role="status">Intent submitted; the run starts when a worker takes it.</div>` : "";
  const which = data.notice === "approved" ? " (approve)" : data.notice === "rejected" ? " (reject)" : "";
  let state: Html | string = "";
  if (status === "queued") state = html`<div class="banner" role="status">Queued${data.job ? html` (job ${data.job.id}, ${data.job.state})` : ""}: waiting for a worker. This page refreshes by itself.</div>`;
  else if (status === "running") state = html`<div class="banner" role="status">Running. This page refreshes by itself.</div>`;
  else if (status === "failed") {
    const why = data.run?.error?.message ?? data.report?.error?.message ?? data.job?.failedReason ?? "the run failed";
    state = html`<div class="banner bad" role="alert">Failed: ${why}</div>`;
  } else if (status === "awaiting-approval" && decisionPending) {
    state = html`<div class="banner good" role="status">A decision${which} is queued (job ${data.decision?.id}, ${data.decision?.state}); a worker carries it out. This page refreshes by itself.</div>`;
  } else if (status === "awaiting-approval") {
    const reason = data.report?.blastRadius ? `enforcement would change ${plural(data.report.blastRadius.resources, "resource")} (${plural(data.report.blastRadius.changes, "change")})` : "enforcement needs approval";
    state = html`<div class="banner" role="status">Awaiting approval: ${reason}.${data.report?.safety.length ? html` ${data.report.safety.join(" ")}` : ""}</div>
      ${roleAllows(session.caller.role, "approver") ? decisionForm(data.id, session) : html`<p class="muted">An approver must approve or reject this run.</p>`}`;
  } else if (status === "stale") {
    state = html`<div class="banner bad" role="alert" id="stale">Stale: this run's plan was overtaken — ${data.run?.error?.message ?? "the policy or its resources changed"}. It can no longer be approved; run the intent or a sweep again for a fresh plan.</div>`;
  } else if (data.decision?.state === "failed") {
    state = html`<div class="banner bad" role="alert">The decision failed: ${data.decision.failedReason ?? "unknown reason"}</div>`;
  }
  return html`${notice}${state}`;
}

function decisionForm(runId: string, session: Session): Html {
  return html`<form method="post" action="${href("/runs", [runId, "approve"])}" class="card decision" id="decision">
    ${csrfField(session.csrf)}
    <label>Comment (recorded in the audit log)<input type="text" name="comment" maxlength="2000" size="40"></label>
    <button type="submit" class="approve" name="decision" value="approve">Approve</button>
    <button type="submit" class="reject" name="decision" value="reject" formaction="${href("/runs", [runId, "reject"])}">Reject</button>
  </form>`;
}

function header(data: RunPageData): Html {
  const { run, report } = data;
  const source = run && typeof run.options.source === "string" ? run.options.source : null;
  return html`<h1>Run <span class="mono">${data.id}</span> ${badge(statusOf(data))}</h1>
    ${run ? html`<p class="intent"><strong>“${run.intent}”</strong></p>
    <p class="muted small">${run.kind}${report?.applied ? " · apply" : report ? " · dry run" : ""} · by ${run.actor}${source && !run.actor.includes(`(via ${source})`) ? ` via ${source}` : ""} · created ${when(run.createdAt)} · updated ${when(run.updatedAt)}
    ${run.policyId && html` · policy ${policyLink(run.policyId, `${run.policyId} v${run.policyVersion ?? "?"}`, run.policyVersion)}`}</p>` : ""}`;
}

function explanation(report: RunReport): Html {
  if (!report.policy) return html``;
  const p = report.policy;
  return html`<section class="card" id="explanation"><h2>What the policy says</h2>
    <pre class="explain">${p.explanation}</pre>
    <table><thead><tr><th>Rule</th><th class="c-sev">Severity</th><th>Fix</th><th>Controls</th></tr></thead><tbody>
    ${p.rules.map((r) => html`<tr><td>${r.title}<div class="mono small muted">${r.id}</div></td><td>${r.severity}</td><td class="mono small">${r.remediation ?? "—"}</td><td class="small">${r.controls.join(", ")}</td></tr>`)}
    </tbody></table></section>`;
}

function plan(report: RunReport, status: string): Html {
  const s = report.summary;
  return html`<section class="card" id="plan"><h2>Plan</h2>
    ${report.plan ? html`<p>Operation <strong>${report.plan.operation}</strong> on ${report.plan.kinds.join(", ")}.</p>
    ${report.plan.interpretation.length > 0 && html`<ul>${report.plan.interpretation.map((line) => html`<li>${line}</li>`)}</ul>`}` : html`<p class="muted">No plan (the intent was not translated).</p>`}
    <p>Evaluated ${plural(s.resources, "resource")}: <strong>${s.passed}</strong> passed, <strong>${s.failed}</strong> failed, ${plural(s.errors, "error")}, ${s.skipped} skipped.
    ${report.blastRadius && html` Blast radius: ${plural(report.blastRadius.resources, "resource")}, ${plural(report.blastRadius.changes, "change")}, ${report.blastRadius.manual} manual.`}</p>
    ${status === "awaiting-approval" ? plannedChanges(report) : ""}
  </section>`;
}

function diffSection(diff: PolicyDiff | null): Html {
  if (!diff) return html``;
  return html`<section class="card" id="diff"><h2>Policy diff</h2>
    ${diff.kind === "created" ? html`<p>Version ${diff.version}: a new policy.</p>`
      : diff.changes.length === 0 ? html`<p>v${diff.from} → v${diff.to}: no change in content.</p>`
      : html`<p>v${diff.from} → v${diff.to}:</p><ul class="changes">${diff.changes.map((c) => html`<li data-change="${c.change}">${c.text}</li>`)}</ul>`}
  </section>`;
}

function findings(report: RunReport, now: Map<string, FindingState>): Html {
  // The report lists every evaluated pair; the page shows what needs attention (the API has the rest).
  const failing = report.findings.filter(needsAttention);
  if (failing.length === 0) return html`<section class="card" id="findings"><h2>Findings</h2><p>Nothing failing.</p></section>`;
  return html`<section class="card" id="findings"><h2>Findings</h2>
    <table><thead><tr><th>Resource</th><th class="c-rule">Rule</th><th class="c-state">When evaluated</th><th>Why</th><th class="c-status">Now</th></tr></thead><tbody>
    ${failing.map((f) => {
      const current = now.get(stateKey(f.ruleId, f.kind, f.location?.partition ?? f.region, f.resourceId));
      return html`<tr class="${current && (current.status === "pass" || current.status === "skip") ? "now-good" : ""}" data-resource="${f.resourceId}" data-rule="${f.ruleId}">
        <td class="mono">${f.resourceId}<div class="muted small">${f.kind} · ${f.region}</div></td><td class="mono small">${f.ruleId}</td>
        <td>${badge(f.status)}</td><td class="small">${f.reason}</td><td class="now">${current ? badge(current.status) : html`<span class="muted small">not tracked</span>`}</td>
      </tr>`;
    })}
    </tbody></table></section>`;
}

function extras(report: RunReport): Html {
  return html`
    ${report.approval && html`<section class="card" id="approval"><h2>Decision</h2><p>${report.approval.approved ? badge("approved") : badge("rejected")} by ${report.approval.by} at ${when(report.approval.at)}${report.approval.comment ? html`: “${report.approval.comment}”` : ""}</p></section>`}
    ${report.drift && !report.drift.baseline && html`<section class="card"><h2>Since the last observation</h2><p>${report.drift.drift} drift, ${report.drift.recovered} recovered, ${report.drift.removed} removed, ${report.drift.stillFailing} still failing.</p></section>`}
    ${report.notes.length > 0 && html`<section class="card"><h2>Notes</h2><ul>${report.notes.map((n) => html`<li>${n}</li>`)}</ul></section>`}
    ${report.collectionErrors.length > 0 && html`<section class="card"><h2>Could not read</h2><ul>${report.collectionErrors.map((n) => html`<li>${n}</li>`)}</ul></section>`}
    ${report.plan && html`<details><summary>Scope (JSON)</summary>${jsonBlock(report.plan.scope)}</details>`}`;
}

export function runPage(data: RunPageData, session: Session): Html {
  const { report } = data;
  const status = statusOf(data);
  return layout({
    title: `Run ${data.id}`,
    session,
    section: "none",
    ...(isWorking(data) ? { refreshSeconds: 2 } : {}),
    body: html`${header(data)}${banners(data, session)}
      ${report && html`${explanation(report)}${plan(report, status)}${diffSection(data.diff)}${findings(report, data.now)}${actionsTable(report)}${extras(report)}`}`,
  });
}
