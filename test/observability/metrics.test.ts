import { describe, expect, it } from "vitest";
import { isAgpmError } from "../../core/errors.js";
import { createMetrics } from "../../observability/metrics.js";
import { sample } from "./prom-text.js";

describe("when jobs finish", () => {
  it("counts them by queue, name and outcome and observes their durations", async () => {
    const m = createMetrics();
    m.jobFinished("agpm-intents", "run", "completed", 1.5);
    m.jobFinished("agpm-intents", "run", "completed", 2);
    m.jobFinished("agpm-intents", "run", "failed", 0.2);
    m.jobFinished("agpm-sweeps", "sweep", "skipped");
    const text = await m.render();
    expect(sample(text, "agpm_jobs_total", { queue: "agpm-intents", name: "run", outcome: "completed" })).toBe(2);
    expect(sample(text, "agpm_jobs_total", { queue: "agpm-intents", name: "run", outcome: "failed" })).toBe(1);
    expect(sample(text, "agpm_jobs_total", { queue: "agpm-sweeps", name: "sweep", outcome: "skipped" })).toBe(1);
    expect(sample(text, "agpm_job_duration_seconds_count", { queue: "agpm-intents", name: "run" })).toBe(3);
    expect(sample(text, "agpm_job_duration_seconds_sum", { queue: "agpm-intents", name: "run" })).toBeCloseTo(3.7);
    expect(sample(text, "agpm_job_duration_seconds_bucket", { queue: "agpm-intents", name: "run", le: "1" })).toBe(1);
    expect(sample(text, "agpm_job_duration_seconds_bucket", { queue: "agpm-intents", name: "run", le: "2.5" })).toBe(3);
    // A job without a duration is counted but not observed.
    expect(sample(text, "agpm_job_duration_seconds_count", { queue: "agpm-sweeps", name: "sweep" })).toBeUndefined();
  });
});

describe("when findings, drift and remediations are recorded", () => {
  it("adds them up per policy, status, action and result", async () => {
    const m = createMetrics();
    m.findings("s3-private", { pass: 5, fail: 2, skip: 1, error: 0 });
    m.findings("s3-private", { fail: 1 });
    m.drift("s3-private", 2);
    m.drift("s3-private", 1);
    m.remediation("s3.block-public-access", "verified");
    m.remediation("s3.block-public-access", "verified");
    m.remediation("efs.encrypt-at-rest", "manual");
    const text = await m.render();
    expect(sample(text, "agpm_findings_total", { policy: "s3-private", status: "pass" })).toBe(5);
    expect(sample(text, "agpm_findings_total", { policy: "s3-private", status: "fail" })).toBe(3);
    expect(sample(text, "agpm_findings_total", { policy: "s3-private", status: "skip" })).toBe(1);
    expect(sample(text, "agpm_findings_total", { policy: "s3-private", status: "error" })).toBe(0);
    expect(sample(text, "agpm_drift_detected_total", { policy: "s3-private" })).toBe(3);
    expect(sample(text, "agpm_remediations_total", { action: "s3.block-public-access", result: "verified" })).toBe(2);
    expect(sample(text, "agpm_remediations_total", { action: "efs.encrypt-at-rest", result: "manual" })).toBe(1);
  });

  it("refuses negative or non-finite amounts rather than corrupting a counter", async () => {
    const m = createMetrics();
    for (const bad of [() => m.drift("p", -1), () => m.drift("p", Number.NaN), () => m.findings("p", { fail: Infinity }), () => m.jobFinished("q", "n", "completed", -0.5)]) {
      let caught: unknown;
      try { bad(); } catch (e) { caught = e; }
      expect(isAgpmError(caught, "INTERNAL")).toBe(true);
    }
    const text = await m.render();
    expect(sample(text, "agpm_drift_detected_total", { policy: "p" })).toBeUndefined();
    expect(sample(text, "agpm_jobs_total", { queue: "q", name: "n", outcome: "completed" })).toBeUndefined();
  });
});

describe("when AWS progress events arrive", () => {
  it("counts calls, throttles and retries per command and ignores collection events", async () => {
    const m = createMetrics();
    m.observeAws({ type: "aws-call", command: "ListBuckets" });
    m.observeAws({ type: "aws-call", command: "ListBuckets", region: "us-east-1" });
    m.observeAws({ type: "throttled", command: "ListBuckets", attempt: 1, delayMs: 3 });
    m.observeAws({ type: "retry", command: "DescribeInstances", attempt: 1, delayMs: 3, error: "ServiceUnavailable" });
    m.observeAws({ type: "collect-done", kind: "aws.s3.bucket", region: "us-east-1", count: 4 });
    const text = await m.render();
    expect(sample(text, "agpm_aws_api_calls_total", { command: "ListBuckets" })).toBe(2);
    expect(sample(text, "agpm_aws_throttles_total", { command: "ListBuckets" })).toBe(1);
    expect(sample(text, "agpm_aws_retries_total", { command: "DescribeInstances" })).toBe(1);
    expect(sample(text, "agpm_aws_retries_total", { command: "ListBuckets" })).toBeUndefined();
  });
});

describe("when two workers share one process", () => {
  it("keeps each one's counters on its own registry, each with the default process metrics", async () => {
    const a = createMetrics();
    const b = createMetrics();
    a.remediation("s3.enable-versioning", "planned");
    const [textA, textB] = await Promise.all([a.render(), b.render()]);
    expect(sample(textA, "agpm_remediations_total", { action: "s3.enable-versioning", result: "planned" })).toBe(1);
    expect(sample(textB, "agpm_remediations_total", { action: "s3.enable-versioning", result: "planned" })).toBeUndefined();
    for (const text of [textA, textB]) {
      expect(sample(text, "process_cpu_user_seconds_total")).toBeGreaterThanOrEqual(0);
      expect(text).toContain("# TYPE agpm_job_duration_seconds histogram");
      expect(text).toContain("# TYPE agpm_aws_api_calls_total counter");
    }
    expect(a.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
  });
});
