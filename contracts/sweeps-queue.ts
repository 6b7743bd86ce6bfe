// The `sweeps` queue contract — name, job names, payloads and results — imported by producers,
// schedulers and workers alike. A `sweep` job is the unit people see: it fans out one
// `sweep-policy` child per (policy, region) — per (policy, account, region) for an organisation —
// and completes, with a report, when all have.
import { z } from "zod";
import { AgpmError } from "../core/errors.js";
import { describeFirstIssue } from "../core/zod-issue.js";
import { PartitionInputShape, partitionOf, partitionsAgree, type DriftSummary, type PolicySummary as Summary, type RunStatus } from "./run.js";
import type { RunReport } from "./run-report.js";
import { TargetSchema } from "./target.js";
import { payloadBytes } from "./intents-queue.js";

export const SWEEPS_QUEUE = "sweeps";

export const SWEEP_JOB_NAMES = ["sweep", "sweep-policy"] as const;
export type SweepJobName = (typeof SWEEP_JOB_NAMES)[number];

/** A sweep names policies, not documents: anything larger is not a sweep request. */
export const MAX_SWEEP_PAYLOAD_BYTES = 16 * 1024;

export const SweepOptionsSchema = z
  .object({
    /** Remediate what enforce-mode policies find failing; false = record and plan only. */
    apply: z.boolean().default(false),
    /** Approve blast-radius pauses on the spot (never safety flags). */
    autoApprove: z.boolean().default(false),
    /** The worker's AGPM_MAX_CHANGES when absent; applies to each (policy, region) run. */
    maxChanges: z.number().int().min(0).optional(),
    target: TargetSchema,
    source: z.string().min(1).max(100).default("scheduler"),
    requester: z.string().min(1).max(200).default("scheduler"),
  })
  .strict();
export type SweepOptions = z.infer<typeof SweepOptionsSchema>;
export type SweepOptionsInput = z.input<typeof SweepOptionsSchema>;

const PolicyIdSchema = z.string().min(1).max(200).regex(/^[A-Za-z0-9._-]+$/, "a policy id (letters, digits, . _ -)");

export const SweepJobDataSchema = z
  .object({
    /** Only these policies; every active policy when absent. */
    policyIds: z.array(PolicyIdSchema).min(1).max(500).optional(),
    options: SweepOptionsSchema,
    /** The job scheduler that produced it, if any. */
    schedule: z.string().min(1).max(200).optional(),
    // Set by the worker as it fans out, so a retried sweep keeps its id and neither fans out
    // twice nor loses its children.
    sweepId: z.string().optional(),
    startedAt: z.string().optional(),
    step: z.literal("waiting").optional(),
    folded: z.array(z.object({ policyId: z.string(), region: z.string().nullable(), jobId: z.string(), root: z.string().optional() })).optional(),
    missing: z.array(z.string()).optional(),
  })
  .strict();
export type SweepJobData = z.infer<typeof SweepJobDataSchema>;
export type SweepJobInput = z.input<typeof SweepJobDataSchema>;

export const SweepPolicyJobDataSchema = z
  .object({
    sweepId: z.string().min(1),
    policyId: PolicyIdSchema,
    /** The location partition swept (AWS: the region; children queued before partitions say `region`); null = all of them. */
    ...PartitionInputShape,
    /** The root the target opened (AWS: the account id); absent on children queued before locations. */
    root: z.string().optional(),
    /** Fixed at fan-out, so a retried child carries on with the same run. */
    runId: z.string().min(1),
    options: SweepOptionsSchema,
  })
  .strict()
  .refine(...partitionsAgree)
  .transform(({ partition, region, ...rest }) => {
    const swept = partitionOf({ partition, region });
    return { ...rest, partition: swept, region: swept };
  });
export type SweepPolicyJobData = z.output<typeof SweepPolicyJobDataSchema>;
/** What fan-out writes (and producers of older code wrote, with `region`). */
export type SweepPolicyJobInput = z.input<typeof SweepPolicyJobDataSchema>;

/**
 * Where one (policy, partition) run looked: the target's domain and root, and the partition
 * (null = all of the target's, as `agpm sweep --now` reads them). AWS: account id and region.
 */
export interface SweepLocation {
  domain: string;
  partition: string | null;
  /** '' when unknown (a child queued before locations, and a run that read nothing). */
  root: string;
}

/** What one (policy, partition) run found and did. */
export interface SweepPolicyResult {
  sweepId: string;
  policyId: string;
  /** AWS spelling of location.partition. */
  region: string | null;
  location: SweepLocation;
  runId: string;
  status: RunStatus;
  summary: Summary;
  /** Findings still failing after the run, per rule severity (what exit codes gate on). */
  outstanding: RunReport["outstanding"];
  /** Every evaluated (rule, resource) pair of the run, as in its report (`--quiet`: fail and error only). */
  findings: RunReport["findings"];
  drift: DriftSummary | null;
  /** Action counts by status (verified, failed, planned, manual…). */
  actions: Record<string, number>;
  /** The same, per remediation action. */
  remediations: Array<{ action: string; status: string; count: number }>;
  collectionErrors: string[];
  error: { code: string; message: string } | null;
}

/** A (policy, region) already being swept by another job: this sweep did not start a second run. */
export type FoldedRun = NonNullable<SweepJobData["folded"]>[number];

export interface SweepResult {
  sweepId: string;
  schedule: string | null;
  startedAt: string;
  finishedAt: string;
  policies: number;
  runs: SweepPolicyResult[];
  folded: FoldedRun[];
  /** Children that failed for good, with the reason. */
  failures: Array<{ jobId: string; reason: string }>;
  totals: {
    resources: number;
    failed: number;
    drift: number;
    recovered: number;
    remediated: number;
    awaitingApproval: number;
    /** Changes not made because another run's change to the same resource waits for approval. */
    pendingApproval: number;
  };
}

/** A child either ran, or found its (policy, region) already being swept and left it to that run. */
export type SweepChildResult = ({ outcome: "ran" } & SweepPolicyResult) | ({ outcome: "folded" } & FoldedRun);

export type SweepJobResult = SweepResult | SweepChildResult;

export type ParsedSweepJob = { name: "sweep"; data: SweepJobData } | { name: "sweep-policy"; data: SweepPolicyJobData };

/**
 * Validates a sweeps job's name and payload.
 * @throws AgpmError INPUT_INVALID with the reason (unknown name, oversized, or the first schema issue).
 */
export function parseSweepJob(name: string, data: unknown): ParsedSweepJob {
  if (!(SWEEP_JOB_NAMES as readonly string[]).includes(name)) {
    throw new AgpmError("INPUT_INVALID", `unknown job name "${name}" on the ${SWEEPS_QUEUE} queue (expected ${SWEEP_JOB_NAMES.join(" or ")})`);
  }
  const bytes = payloadBytes(data);
  if (bytes > MAX_SWEEP_PAYLOAD_BYTES) {
    throw new AgpmError("INPUT_INVALID", `payload is ${bytes} bytes; the limit is ${MAX_SWEEP_PAYLOAD_BYTES}`, { details: { bytes } });
  }
  const parsed = name === "sweep" ? SweepJobDataSchema.safeParse(data) : SweepPolicyJobDataSchema.safeParse(data);
  if (!parsed.success) throw new AgpmError("INPUT_INVALID", `invalid payload: ${describeFirstIssue(parsed.error)}`);
  return { name, data: parsed.data } as ParsedSweepJob;
}

/** Validates a `sweep` request (what producers and schedules enqueue). */
export function parseSweepRequest(data: unknown): SweepJobData {
  const parsed = parseSweepJob("sweep", data);
  if (parsed.name !== "sweep") throw new AgpmError("INTERNAL", "parsed a sweep request as another job");
  return parsed.data;
}

