// A sweep's report as text: one line per (policy, region) run, then the totals.
import pc from "picocolors";
import type { SweepResult } from "../../contracts/sweeps-queue.js";
import { renderTable, statusColor, tableStyle } from "./table.js";
import type { TableStyle } from "./table.js";
import { plural } from "../../core/plural.js";

export function renderSweep(result: SweepResult, styleOrColor: boolean | TableStyle): string {
  const style = tableStyle(styleOrColor);
  const { color } = style;
  const lines: string[] = [];
  const head = `Sweep ${result.sweepId}${result.schedule ? ` (schedule ${result.schedule})` : ""}: ${plural(result.runs.length, "run")} over ${plural(result.policies, "policy", "policies")}`;
  lines.push(color ? pc.bold(head) : head);
  if (result.runs.length > 0) {
    lines.push(renderTable(result.runs, [
      { header: "POLICY", value: (r) => r.policyId, max: 40 },
      { header: "REGION", value: (r) => r.region ?? "all" },
      { header: "STATUS", value: (r) => r.status, color: (r, t) => statusColor(r.status, t) },
      { header: "RESOURCES", value: (r) => String(r.summary.resources) },
      { header: "FAILING", value: (r) => String(r.summary.failed) },
      { header: "DRIFT", value: (r) => (r.drift?.baseline ? "baseline" : String(r.drift?.drift ?? 0)) },
      { header: "RECOVERED", value: (r) => String(r.drift?.recovered ?? 0) },
      { header: "FIXED", value: (r) => String(r.actions.verified ?? 0) },
      // A files target's fixes are proposed, never made: they are still the changes it plans.
      { header: "PLANNED", value: (r) => String((r.actions.planned ?? 0) + (r.actions.proposed ?? 0)) },
      { header: "RUN", value: (r) => r.runId },
    ], style).trimEnd());
  }
  for (const r of result.runs) {
    if ((r.actions["pending-approval"] ?? 0) > 0) lines.push(`  ${r.policyId} in ${r.region ?? "all regions"}: ${plural(r.actions["pending-approval"] ?? 0, "change")} not made: another run waits for approval of changes to those resources (agpm runs)`);
  }
  for (const f of result.folded) lines.push(`  ${f.policyId} in ${f.region ?? "all regions"}: already being swept by job ${f.jobId}`);
  for (const f of result.failures) lines.push(`  failed: ${f.jobId === "-" ? "" : `job ${f.jobId}: `}${f.reason}`);
  const t = result.totals;
  lines.push(`Totals: ${plural(t.resources, "resource")}, ${t.failed} failing, ${t.drift} newly failing (drift), ${t.recovered} recovered, ${t.remediated} remediated${t.awaitingApproval > 0 ? `, ${t.awaitingApproval} awaiting approval (agpm approve <run>)` : ""}${(t.pendingApproval ?? 0) > 0 ? `, ${t.pendingApproval} held for a pending approval` : ""}.`);
  return `${lines.join("\n")}\n`;
}
