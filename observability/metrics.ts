// Prometheus metrics for workers: jobs, findings, drift, remediations and AWS calls, on a
// registry of their own so tests and several workers in one process never share counters.
import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { AgpmError } from "../core/errors.js";
import type { ProgressEvent } from "../contracts/progress.js";

export type JobOutcome = "completed" | "failed" | "retried" | "unrecoverable" | "skipped";
export type FindingStatus = "pass" | "fail" | "skip" | "error";
export type RemediationResult = "verified" | "failed" | "manual" | "planned" | "skipped" | "proposed";

/** Jobs range from a single re-check (ms) to a whole-account sweep (many minutes). */
export const JOB_DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800];

export interface Metrics {
  readonly registry: Registry;
  /** The Content-Type header for {@link Metrics.render}'s text. */
  readonly contentType: string;
  /** Counts a finished job; observes its duration when `seconds` is given. */
  jobFinished(queue: string, name: string, outcome: JobOutcome, seconds?: number): void;
  /** Adds one evaluation's findings of a policy; missing statuses add nothing. */
  findings(policyId: string, counts: Partial<Record<FindingStatus, number>>): void;
  /** Adds `n` resources newly found drifted from a policy. */
  drift(policyId: string, n: number): void;
  remediation(action: string, result: RemediationResult): void;
  /** Feed it every AwsContext progress event; counts "aws-call", "throttled" and "retry", ignores the rest. */
  observeAws(event: ProgressEvent): void;
  /** The Prometheus text exposition of everything on the registry. */
  render(): Promise<string>;
}

// prom-client lets NaN into a counter (where it stays forever) and throws only on negatives.
function amount(what: string, n: number): number {
  if (!Number.isFinite(n) || n < 0) throw new AgpmError("INTERNAL", `${what} must be a finite number >= 0, got ${n}`);
  return n;
}

/**
 * Creates the instruments on a fresh registry, with Node's default process metrics.
 * @throws AgpmError INTERNAL from a helper given a negative or non-finite number.
 * @example
 * const metrics = createMetrics();
 * const target = await openTarget(t, { onProgress: (e) => metrics.observeAws(e) });
 * metrics.jobFinished("agpm-intents", "run", "completed", 2.4);
 */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const jobs = new Counter({ name: "agpm_jobs_total", help: "Jobs finished, by queue, job name and outcome.", labelNames: ["queue", "name", "outcome"] as const, registers });
  const jobSeconds = new Histogram({ name: "agpm_job_duration_seconds", help: "Job run time in seconds.", labelNames: ["queue", "name"] as const, buckets: JOB_DURATION_BUCKETS, registers });
  const findingsTotal = new Counter({ name: "agpm_findings_total", help: "Findings recorded, by policy and status.", labelNames: ["policy", "status"] as const, registers });
  const driftTotal = new Counter({ name: "agpm_drift_detected_total", help: "Resources found drifted from a policy.", labelNames: ["policy"] as const, registers });
  const remediations = new Counter({ name: "agpm_remediations_total", help: "Remediations, by action and result.", labelNames: ["action", "result"] as const, registers });
  const awsCalls = new Counter({ name: "agpm_aws_api_calls_total", help: "AWS API call attempts sent, retries included.", labelNames: ["command"] as const, registers });
  const awsThrottles = new Counter({ name: "agpm_aws_throttles_total", help: "AWS calls throttled and retried after a backoff.", labelNames: ["command"] as const, registers });
  const awsRetries = new Counter({ name: "agpm_aws_retries_total", help: "AWS calls retried after a transient (non-throttling) failure.", labelNames: ["command"] as const, registers });

  return {
    registry,
    contentType: registry.contentType,
    jobFinished(queue, name, outcome, seconds) {
      if (seconds !== undefined) jobSeconds.observe({ queue, name }, amount("job duration", seconds));
      jobs.inc({ queue, name, outcome });
    },
    findings(policyId, counts) {
      for (const [status, n] of Object.entries(counts)) {
        if (n !== undefined) findingsTotal.inc({ policy: policyId, status }, amount(`${status} findings`, n));
      }
    },
    drift(policyId, n) {
      driftTotal.inc({ policy: policyId }, amount("drift count", n));
    },
    remediation(action, result) {
      remediations.inc({ action, result });
    },
    observeAws(event) {
      if (event.type === "aws-call") awsCalls.inc({ command: event.command });
      else if (event.type === "throttled") awsThrottles.inc({ command: event.command });
      else if (event.type === "retry") awsRetries.inc({ command: event.command });
    },
    render: () => registry.metrics(),
  };
}
