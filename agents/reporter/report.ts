// The run report: the one JSON document every surface shows (CLI --json, API, Slack).
import { findKind } from "../../engine/registry.js";
import { explainPolicy } from "../../engine/explain.js";
import { regionLocation, type EvaluationStatus, type Finding, type Location } from "../../contracts/resource.js";
import { SeveritySchema, type Severity } from "../../contracts/policy.js";
import type { ReportFinding } from "../../contracts/report-schema.js";
import { type ActionResult, type Approval, type BlastRadius, type RunError, type State, type Summary } from "../../graphs/state.js";
import { SweepTargetSchema, type DriftSummary, type Plan, type RunOptions, type RunStatus } from "../../contracts/run.js";

export interface ReportedRule {
  id: string;
  title: string;
  kind: string;
  severity: string;
  controls: string[];
  remediation: string | null;
}

export interface RunReport {
  runId: string;
  status: RunStatus;
  intent: string;
  command: RunOptions["command"];
  /** Sweeps: the policy and partition (AWS: region) swept, and the sweep the run belongs to. */
  sweep: NonNullable<RunOptions["sweep"]> | null;
  applied: boolean;
  plan: Pick<Plan, "operation" | "kinds" | "scope" | "interpretation"> | null;
  policy: {
    id: string; version: number; title: string; mode: string; scope: unknown;
    /** The policy in plain words. */
    explanation: string;
    rules: ReportedRule[];
  } | null;
  /** Every evaluated (rule, resource) pair — pass, fail, error and skip — with its evidence and location. */
  findings: ReportFinding[];
  actions: Array<Pick<ActionResult, "resourceId" | "kind" | "region" | "action" | "status" | "before" | "after" | "summary"> & { location: Location; detail?: string }>;
  summary: Summary;
  /**
   * (rule, resource) findings still failing or erroring once the run is over — not fixed and
   * verified by this run — per rule severity. Exit codes gate on it (`--fail-on`).
   */
  outstanding: Outstanding;
  blastRadius: BlastRadius | null;
  /** What changed since the policy was last observed; null when the run has no history (checks, drafts). */
  drift: DriftSummary | null;
  /** Why enforcement needs explicit approval. */
  safety: string[];
  approval: Approval | null;
  collectionErrors: string[];
  notes: string[];
  error: RunError | null;
}

export type Outstanding = Record<Severity, number>;

const EMPTY: Summary = { resources: 0, passed: 0, failed: 0, errors: 0, skipped: 0 };
const noun = (kind: string) => findKind(kind)?.noun ?? kind;

const resourceKeyOf = (r: { kind: string; region: string; resourceId: string }) => [r.kind, r.region, r.resourceId].join("\u0000");
const findingKey = (kind: string, region: string, resourceId: string, ruleId: string) => [kind, region, resourceId, ruleId].join("\u0000");

/** What enforcement left failing: dry-run plans, check-only and audit rules, manual fixes, failed or refused actions. */
export function outstandingOf(state: Pick<State, "policy" | "actions">, findings: readonly Finding[]): Outstanding {
  const counts = Object.fromEntries(SeveritySchema.options.map((s) => [s, 0])) as Outstanding;
  const severity = new Map(state.policy?.rules.map((r) => [r.id, r.severity]) ?? []);
  const fixed = new Set(state.actions.filter((a) => a.status === "verified").flatMap((a) => a.ruleIds.map((rule) => findingKey(a.kind, a.region, a.resourceId, rule))));
  for (const f of findings) {
    if ((f.status !== "fail" && f.status !== "error") || fixed.has(findingKey(f.kind, f.region, f.resourceId, f.ruleId))) continue;
    // A rule the policy no longer names cannot be ranked: treat it as the most severe.
    counts[severity.get(f.ruleId) ?? "critical"]++;
  }
  return counts;
}

/** The finding of an action's resource (the action names it by kind, AWS region and id). */
export const findingOf = (findings: readonly Finding[], a: { kind: string; region: string; resourceId: string }): Finding | undefined =>
  findings.find((f) => f.kind === a.kind && f.region === a.region && f.resourceId === a.resourceId);

/** What a person must look at: failures and errors (passes and skips are the audit evidence). */
export const needsAttention = (finding: { status: EvaluationStatus }): boolean => finding.status === "fail" || finding.status === "error";

/** `--quiet`: the same report with only the findings that need attention; the summary is untouched. */
export function quietReport(report: RunReport): RunReport {
  return { ...report, findings: report.findings.filter(needsAttention) };
}

function reportFinding({ resourceId, kind, region, ruleId, status, reason, evidence, location }: Finding): ReportFinding {
  // Only a run paused before findings carried a location, and resumed since, lacks one; its
  // account id is not in the state, so the root is left empty rather than guessed.
  return { resourceId, kind, region, ruleId, status, reason, evidence, location: location ?? regionLocation(region) };
}

/**
 * The report of a run from its state and its findings (graphs/run-findings.ts reads them from the
 * store; a state checkpointed by older code carries its own, the default).
 */
export function buildReport(state: State, status: RunStatus = state.status, findings: readonly Finding[] = state.findings): RunReport {
  const { policy, plan } = state;
  // Actions name their resource by (kind, region, id): index the findings once rather than search them per action.
  const located = new Map<string, Location | undefined>();
  for (const f of findings) if (!located.has(resourceKeyOf(f))) located.set(resourceKeyOf(f), f.location);
  return {
    runId: state.runId,
    status,
    intent: state.intent,
    command: state.options.command,
    // Re-read: a run checkpointed before partitions existed carries its sweep with a region only.
    sweep: state.options.sweep ? SweepTargetSchema.parse(state.options.sweep) : null,
    applied: state.options.apply,
    plan: plan ? { operation: plan.operation, kinds: plan.kinds, scope: plan.scope, interpretation: plan.interpretation } : null,
    policy: policy
      ? {
          id: policy.id, version: policy.version, title: policy.title, mode: policy.mode, scope: policy.scope,
          explanation: explainPolicy(policy, noun),
          rules: policy.rules.map((r) => ({ id: r.id, title: r.title, kind: r.kind, severity: r.severity, controls: r.controls, remediation: r.remediation?.action ?? null })),
        }
      : null,
    findings: findings.map(reportFinding),
    actions: state.actions.map(({ resourceId, kind, region, location, action, status: s, before, after, summary, detail }) => ({
      // An action of a run checkpointed before actions carried a location: its finding's, else its region's.
      resourceId, kind, region, location: location ?? located.get(resourceKeyOf({ kind, region, resourceId })) ?? regionLocation(region),
      action, status: s, before, after, summary, ...(detail ? { detail } : {}),
    })),
    summary: state.summary ?? EMPTY,
    outstanding: outstandingOf(state, findings),
    blastRadius: state.blastRadius,
    drift: state.drift,
    safety: state.safety,
    approval: state.approval,
    collectionErrors: state.collectionErrors,
    notes: state.notes,
    error: state.error,
  };
}
