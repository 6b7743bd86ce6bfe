// Sweep reports: one (policy, partition) run's result, and the sweep's totals over all of them.
import { needsAttention, type RunReport } from "../agents/reporter/report.js";
import type { SweepJobData, SweepLocation, SweepPolicyResult, SweepResult } from "../contracts/sweeps-queue.js";
import type { Target } from "../contracts/target.js";
import { domainOfTarget } from "../engine/registry.js";

/** Where a run sits in a sweep, and where it looked. */
export interface SweepPlace {
  sweepId: string;
  policyId: string;
  location: SweepLocation;
}

/**
 * Where a sweep run of `target` in `partition` looks. The root is the one fan-out read, when it
 * did; else the one the run's findings name ('' when they name none).
 */
export function sweepLocation(target: Target, partition: string | null, root: string | undefined, report?: Pick<RunReport, "findings">): SweepLocation {
  const seen = root || report?.findings.find((f) => f.location.root !== "")?.location.root || "";
  return { domain: domainOfTarget(target.type) ?? target.type, partition, root: seen };
}

export function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

export function policyResult(data: SweepPlace, report: RunReport): SweepPolicyResult {
  return {
    sweepId: data.sweepId, policyId: data.policyId, region: data.location.partition, location: data.location, runId: report.runId, status: report.status,
    summary: report.summary, outstanding: report.outstanding, findings: report.findings, drift: report.drift, actions: countBy(report.actions, (a) => a.status),
    remediations: Object.entries(countBy(report.actions, (a) => `${a.action}\u0000${a.status}`)).map(([key, count]) => {
      const [action = "", status = ""] = key.split("\u0000");
      return { action, status, count };
    }),
    collectionErrors: report.collectionErrors, error: report.error ? { code: report.error.code, message: report.error.message } : null,
  };
}

/** `--quiet`: each run keeps only the findings that need attention; counts and totals stay whole. */
export function quietSweep(result: SweepResult): SweepResult {
  return { ...result, runs: result.runs.map((r) => ({ ...r, findings: r.findings.filter(needsAttention) })) };
}

export function summarise(data: SweepJobData, runs: SweepPolicyResult[], failures: SweepResult["failures"], finishedAt: string): SweepResult {
  const sum = (f: (r: SweepPolicyResult) => number) => runs.reduce((n, r) => n + f(r), 0);
  return {
    sweepId: data.sweepId ?? "", schedule: data.schedule ?? null, startedAt: data.startedAt ?? finishedAt, finishedAt,
    policies: new Set([...runs.map((r) => r.policyId), ...(data.folded ?? []).map((f) => f.policyId)]).size,
    // Rows per policy, then per root (an organisation's account), then per partition.
    runs: runs.sort((a, b) => `${a.policyId} ${a.location.root} ${a.region}`.localeCompare(`${b.policyId} ${b.location.root} ${b.region}`)),
    folded: data.folded ?? [],
    failures,
    totals: {
      resources: sum((r) => r.summary.resources),
      failed: sum((r) => r.summary.failed),
      drift: sum((r) => r.drift?.drift ?? 0),
      recovered: sum((r) => r.drift?.recovered ?? 0),
      remediated: sum((r) => r.actions.verified ?? 0),
      awaitingApproval: runs.filter((r) => r.status === "awaiting-approval").length,
      pendingApproval: sum((r) => r.actions["pending-approval"] ?? 0),
    },
  };
}

