// Renders a run report for people: the policy in plain words, findings, exact changes, next step.
import pc from "picocolors";
import { needsAttention, type RunReport } from "../../agents/reporter/report.js";
import { renderTable, statusColor, tableStyle } from "./table.js";
import type { TableStyle } from "./table.js";
import { plural } from "../../core/plural.js";

/** Rows shown before pointing to --json. */
export const MAX_ROWS = 40;

const json = (v: unknown) => (v === null || v === undefined ? "-" : JSON.stringify(v));

function section(title: string, color: boolean): string {
  return `\n${color ? pc.bold(title) : title}\n`;
}

function findingsBlock(report: RunReport, style: TableStyle, all: boolean): string {
  const { color } = style;
  const listed = all ? report.findings : report.findings.filter(needsAttention);
  if (listed.length === 0) return section("Findings", color) + (all ? "Nothing was evaluated.\n" : "No failing resources.\n");
  // Asked for with --all, every row is listed; by default the table stays a screenful.
  const rows = all ? listed : listed.slice(0, MAX_ROWS);
  const more = listed.length - rows.length;
  return (
    section(all ? `Findings (${plural(listed.length, "evaluated pair")}, ${listed.filter(needsAttention).length} failing)` : `Findings (${listed.length} failing)`, color) +
    renderTable(rows, [
      { header: "STATUS", value: (f) => f.status.toUpperCase(), color: (f, t) => statusColor(f.status, t) },
      { header: "RESOURCE", value: (f) => f.resourceId, max: 40 },
      { header: "REGION", value: (f) => f.region },
      { header: "RULE", value: (f) => f.ruleId, max: 36 },
      { header: "REASON", value: (f) => f.reason, max: 80 },
    ], style) +
    (more > 0 ? `… and ${more} more (use --json for all)\n` : "")
  );
}

function actionsTitle(report: RunReport): string {
  if (report.actions.every((a) => a.status === "proposed" || a.status === "manual") && report.actions.some((a) => a.status === "proposed")) return "Proposed changes (edit the files; nothing was changed)";
  return report.applied ? "Actions" : "Changes it would make (dry run)";
}

function actionsBlock(report: RunReport, style: TableStyle): string {
  const { color } = style;
  if (report.actions.length === 0) return "";
  const rows = report.actions.slice(0, MAX_ROWS);
  const more = report.actions.length - rows.length;
  return (
    section(actionsTitle(report), color) +
    renderTable(rows, [
      { header: "STATUS", value: (a) => a.status.toUpperCase(), color: (a, t) => statusColor(a.status, t) },
      { header: "ACTION", value: (a) => a.action },
      { header: "RESOURCE", value: (a) => a.resourceId, max: 40 },
      { header: "CHANGE", value: (a) => (a.status === "manual" ? a.detail ?? a.summary : `${json(a.before)} → ${json(a.after)}`), max: 90 },
    ], style) +
    (more > 0 ? `… and ${more} more (use --json for all)\n` : "")
  );
}

function nextStep(report: RunReport): string {
  if (report.status === "stale") return `Stale: ${report.error?.message ?? "the plan was overtaken"}. It can no longer be approved.`;
  if (report.status === "awaiting-approval") {
    return `Paused for approval: ${plural(report.blastRadius?.resources ?? 0, "resource")} would change. Approve with: agpm approve ${report.runId}  (or: agpm reject ${report.runId})`;
  }
  const planned = report.actions.filter((a) => a.status === "planned").length;
  if (report.command === "run" && !report.applied && planned > 0) return `Dry run: nothing was changed. Re-run with --apply to make ${planned === 1 ? "this change" : `these ${planned} changes`}.`;
  const proposed = report.actions.filter((a) => a.status === "proposed").length;
  if (proposed > 0) return `${plural(proposed, "change")} proposed, not made: the target is files; make the edits shown (before → after) and run again.`;
  const held = report.actions.filter((a) => a.status === "pending-approval");
  if (held.length > 0) return `${plural(held.length, "change")} not made: ${held[0]?.detail ?? "another run waits for approval of changes to the same resources"}.`;
  const failed = report.actions.filter((a) => a.status === "failed").length;
  if (failed > 0) return `${plural(failed, "action")} failed; see the table above and agpm audit --run ${report.runId}.`;
  return "";
}

/** `all`: list passing and skipped findings too (by default only what needs attention). */
export function renderReport(report: RunReport, styleOrColor: boolean | TableStyle, { all = false }: { all?: boolean } = {}): string {
  const style = tableStyle(styleOrColor);
  const { color } = style;
  if (report.plan?.operation === "retire" && report.policy && report.command === "run" && !report.error) {
    return `Retired policy ${report.policy.id} (v${report.policy.version}: ${report.policy.title}). It is kept with its history; findings stop.\n`;
  }
  let out = "";
  if (report.command === "explain" && report.policy) {
    out += `${report.policy.explanation}\n`;
    out += report.notes.map((n) => `• ${n}`).join("\n") + (report.notes.length ? "\n" : "");
    for (const s of report.safety) out += `${color ? pc.yellow("needs approval") : "needs approval"}: ${s}\n`;
    return `${out}\nProved: every rule passes a synthesised compliant resource and fails a non-compliant one.\n`;
  }
  if (report.policy) {
    const p = report.policy;
    const [head = "", ...rest] = p.explanation.split("\n");
    out += `${color ? pc.bold(head) : head}\n${rest.join("\n")}\n`;
    if (p.rules.some((r) => r.controls.length > 0)) out += `Benchmarks: ${[...new Set(p.rules.flatMap((r) => r.controls))].join(", ")}\n`;
  }
  if (report.notes.length > 0) out += report.notes.map((n) => (color ? pc.dim(`• ${n}`) : `• ${n}`)).join("\n") + "\n";
  if (report.policy) out += findingsBlock(report, style, all);
  out += actionsBlock(report, style);
  for (const s of report.safety) out += `${color ? pc.yellow("needs approval") : "needs approval"}: ${s}\n`;
  for (const e of report.collectionErrors) out += `${color ? pc.yellow("warning") : "warning"}: ${e}\n`;
  const s = report.summary;
  if (report.policy) out += `\n${plural(s.resources, "resource")}: ${s.passed} passed, ${s.failed} failed, ${plural(s.errors, "error")}${s.skipped ? `, ${s.skipped} skipped` : ""}. Run ${report.runId}: ${color ? statusColor(report.status, report.status) : report.status}.\n`;
  if (report.applied && report.actions.length > 0) {
    const count = (status: string) => report.actions.filter((a) => a.status === status).length;
    out += `Actions: ${count("verified")} verified, ${count("failed")} failed, ${count("manual")} manual${count("proposed") > 0 ? `, ${count("proposed")} proposed` : ""}.\n`;
  }
  const left = (["critical", "high", "medium", "low"] as const).filter((sev) => report.outstanding[sev] > 0).map((sev) => `${report.outstanding[sev]} ${sev}`);
  // What the exit code gates on (--fail-on), said plainly for CI logs.
  if (report.policy && report.command !== "explain" && left.length > 0) out += `Still failing after this run: ${left.join(", ")}.\n`;
  const next = nextStep(report);
  if (next) out += `${next}\n`;
  return out;
}
