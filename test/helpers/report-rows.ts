// Reads a report's (rule, resource) rows back into the per-resource summary a report states, so
// tests check that the rows are the whole evidence behind the counts.
import type { ReportFinding } from "../../contracts/report-schema.js";
import type { Summary } from "../../graphs/state.js";

const RANK = { skip: 0, pass: 1, error: 2, fail: 3 } as const;
const BUCKET = { skip: "skipped", pass: "passed", error: "errors", fail: "failed" } as const;

/**
 * Each resource counted once, by its worst row (fail > error > pass > skip), as the summary does.
 * Exact for policies without a partial exemption (one exempt rule beside passing ones counts as skipped).
 */
export function summaryOfRows(findings: readonly Pick<ReportFinding, "kind" | "location" | "resourceId" | "status">[]): Summary {
  const worst = new Map<string, ReportFinding["status"]>();
  for (const f of findings) {
    const key = [f.kind, f.location.root, f.location.partition, f.resourceId].join("\u0000");
    const seen = worst.get(key);
    if (seen === undefined || RANK[f.status] > RANK[seen]) worst.set(key, f.status);
  }
  const summary: Summary = { resources: worst.size, passed: 0, failed: 0, errors: 0, skipped: 0 };
  for (const status of worst.values()) summary[BUCKET[status]]++;
  return summary;
}

export const statusesOf = (findings: readonly Pick<ReportFinding, "status">[]): string[] => [...new Set(findings.map((f) => f.status))].sort();
