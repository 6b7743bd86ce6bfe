// Run contracts: what a run is asked to do (options, sweep target), its plan, statuses and summaries, as every layer sees them.
import { z } from "zod";
import { ExemptionSchema, PolicyScheduleSchema, ScopeSchema } from "./policy.js";
import type { Location } from "./resource.js";
import { TargetSchema } from "./target.js";

/** What a sweep run looks at, as runs carry it: one stored policy, in one partition or all of the target's. */
export const SweepTargetShape = z.object({
  policyId: z.string().min(1),
  /** The location partition swept (AWS: the region); null = every partition of the target (and the policy's scope). */
  partition: z.string().min(1).nullable(),
  /** AWS spelling of `partition`, kept while AWS readers (reports, dashboards) read it. */
  region: z.string().min(1).nullable(),
  /** The sweep this run belongs to, when it is part of one. */
  sweepId: z.string().min(1).nullable(),
});
export type SweepTarget = z.infer<typeof SweepTargetShape>;

/**
 * Either spelling of a partition, as producers write it: `partition`, or `region` (the AWS alias every
 * payload written before partitions used); outputs carry both. Null or neither = all partitions.
 * Spread into an object schema, which then refines with {@link partitionsAgree}.
 */
export const PartitionInputShape = {
  partition: z.string().min(1).nullable().optional(),
  region: z.string().min(1).nullable().optional(),
};

/** Both spellings given must name the same partition. */
export const partitionsAgree: [(v: { partition?: string | null | undefined; region?: string | null | undefined }) => boolean, { message: string; path: string[] }] = [
  (v) => v.partition === undefined || v.region === undefined || v.partition === v.region,
  { message: "region is the AWS spelling of partition: give one, or the same value for both", path: ["region"] },
];

/** The partition a producer named, whichever spelling it used. */
export const partitionOf = (input: { partition?: string | null | undefined; region?: string | null | undefined }): string | null =>
  input.partition !== undefined ? input.partition : (input.region ?? null);

export const SweepTargetSchema = z
  .object({ policyId: SweepTargetShape.shape.policyId, ...PartitionInputShape, sweepId: SweepTargetShape.shape.sweepId })
  .refine(...partitionsAgree)
  .transform((v): SweepTarget => {
    const partition = partitionOf(v);
    return { policyId: v.policyId, partition, region: partition, sweepId: v.sweepId };
  });

export const RunOptionsSchema = z.object({
  /**
   * run: translate, publish, plan and (with apply) enforce. check: translate, validate, evaluate;
   * change nothing. explain: translate and prove. sweep: evaluate a stored policy, record drift,
   * and (enforce mode, with apply) remediate.
   */
  command: z.enum(["run", "check", "explain", "sweep"]),
  /** Sweeps only: the stored policy and partition (AWS: region) to sweep. */
  sweep: SweepTargetSchema.optional(),
  apply: z.boolean().default(false),
  /** Approve a blast-radius pause on the spot (and accept offers such as creating a missing policy). */
  autoApprove: z.boolean().default(false),
  maxChanges: z.number().int().min(0),
  maxTranslationAttempts: z.number().int().positive(),
  translator: z.enum(["offline", "llm", "auto"]).default("offline"),
  target: TargetSchema,
  actor: z.string().min(1),
  /** Where the request came from (cli, queue, slack…), for the audit log. */
  source: z.string().default("cli"),
});
export type RunOptions = z.infer<typeof RunOptionsSchema>;
export type RunOptionsInput = z.input<typeof RunOptionsSchema>;

export const PlanSchema = z.object({
  operation: z.enum(["create", "update", "check-only", "retire", "exempt", "sweep"]),
  kinds: z.array(z.string()),
  scope: ScopeSchema,
  /** The stored policy this intent changes (update / retire). */
  existing: z.object({ id: z.string(), version: z.number().int(), title: z.string() }).nullable(),
  /** The exemption an "exempt" intent adds to the existing policy. */
  exemption: ExemptionSchema.optional(),
  /** The sweep schedule the intent states ("every 15 minutes"), carried by the policy. */
  schedule: PolicyScheduleSchema.optional(),
  /** How the intent was read, in sentences, shown to the user. */
  interpretation: z.array(z.string()),
});
export type Plan = z.infer<typeof PlanSchema>;

/**
 * `pending-approval`: not changed, because another run's change to the resource waits for a person's decision.
 * `proposed`: not changed, because the target is files (a static source): the plan's before → after is the edit to make.
 */
export const ACTION_STATUSES = ["planned", "applied", "verified", "failed", "manual", "skipped", "pending-approval", "proposed"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** `stale`: a run paused for approval whose plan was overtaken (see agents/approval/stale.ts); it can no longer be approved. */
export const RUN_STATUSES = ["running", "awaiting-approval", "completed", "failed", "rejected", "needs-input", "stale"] as const;
export const RunStatusSchema = z.enum(RUN_STATUSES);
export type RunStatus = z.infer<typeof RunStatusSchema>;

/** What changed since the previous observation of the policy (findings history). */
export interface DriftSummary {
  /** First observation of the policy: failures are the starting point, not drift. */
  baseline: boolean;
  drift: number;
  recovered: number;
  removed: number;
  stillFailing: number;
  /** The changes, up to a bounded number (all of them are in the store). */
  changes: Array<{ ruleId: string; kind: string; region: string; location: Location; resourceId: string; change: string }>;
}

/** Per-resource outcome counts of an evaluation. */
export interface PolicySummary {
  /** Distinct in-scope resources of the policy's kinds; each is counted in exactly one bucket below. */
  resources: number;
  /** Every applicable rule passed. */
  passed: number;
  /** At least one rule failed (a known violation outranks an error elsewhere). */
  failed: number;
  /** No rule failed, and at least one could not be evaluated. */
  errors: number;
  /** No rule applied, or an exemption covers it (and nothing failed or erred). */
  skipped: number;
}
