// The governance graph's state, defined once; every node reads it and returns a partial update.
import { Annotation } from "@langchain/langgraph";
import { z } from "zod";
import { ExemptionSchema, PolicyScheduleSchema, PolicySchema, ScopeSchema, type Policy } from "../policy/schema.js";
import type { Finding, Resource } from "../policy/resource.js";
import type { PolicySummary } from "../policy/evaluate.js";
import type { RunStatus } from "../store/index.js";
import { TargetSchema } from "../tools/target.js";

/** What a sweep run looks at: one stored policy, in one region or all of the target's. */
export const SweepTargetSchema = z.object({
  policyId: z.string().min(1),
  /** null = every region of the target (and the policy's scope). */
  region: z.string().min(1).nullable(),
  /** The sweep this run belongs to, when it is part of one. */
  sweepId: z.string().min(1).nullable(),
});
export type SweepTarget = z.infer<typeof SweepTargetSchema>;

export const RunOptionsSchema = z.object({
  /**
   * run: translate, publish, plan and (with apply) enforce. check: translate, validate, evaluate;
   * change nothing. explain: translate and prove. sweep: evaluate a stored policy, record drift,
   * and (enforce mode, with apply) remediate.
   */
  command: z.enum(["run", "check", "explain", "sweep"]),
  /** Sweeps only: the stored policy and region to sweep. */
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

/** What a translator produces: a policy without identity (the validator assigns id and version). */
export const PolicyDraftSchema = PolicySchema.pick({ title: true, mode: true, scope: true, rules: true }).extend({
  exemptions: PolicySchema.shape.exemptions.optional(),
});
export type PolicyDraft = z.infer<typeof PolicyDraftSchema>;

export interface BlastRadius {
  /** Distinct resources an automatic remediation would change. */
  resources: number;
  /** Distinct (resource, action) pairs. */
  changes: number;
  manual: number;
}

/** `pending-approval`: not changed, because another run's change to the resource waits for a person's decision. */
export const ACTION_STATUSES = ["planned", "applied", "verified", "failed", "manual", "skipped", "pending-approval"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export interface ActionResult {
  resourceId: string;
  kind: string;
  region: string;
  action: string;
  ruleIds: string[];
  status: ActionStatus;
  before: unknown;
  after: unknown;
  summary: string;
  /** Why it failed, or guidance for a manual fix. */
  detail?: string;
}

export interface RunError {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/** What a run's inventory read covered in full; history treats stored states outside it as unknown. */
export interface Coverage {
  /** null = every region. */
  regions: string[] | null;
  /** Kinds listed without failure. */
  kinds: string[];
}

/** What changed since the previous observation of the policy (findings history). */
export interface DriftSummary {
  /** First observation of the policy: failures are the starting point, not drift. */
  baseline: boolean;
  drift: number;
  recovered: number;
  removed: number;
  stillFailing: number;
  /** The changes, up to a bounded number (all of them are in the store). */
  changes: Array<{ ruleId: string; kind: string; region: string; resourceId: string; change: string }>;
}

/** Per-resource outcome counts of an evaluation. */
export type Summary = PolicySummary;
export type { RunStatus };

export interface Approval {
  approved: boolean;
  by: string;
  at: string;
  comment?: string;
}

const last = <T>(fallback: () => T) => Annotation<T>({ reducer: (_prev: T, next: T) => next, default: fallback });

export const GovernanceState = Annotation.Root({
  runId: Annotation<string>,
  intent: Annotation<string>,
  options: Annotation<RunOptions>,
  plan: last<Plan | null>(() => null),
  draft: last<PolicyDraft | null>(() => null),
  /** Which translator produced the draft, and what it noted. */
  translation: last<{ translator: string; confidence: number; notes: string[] } | null>(() => null),
  attempts: last<number>(() => 0),
  /** Validator reasons sent back to the translator. */
  feedback: last<string[]>(() => []),
  policy: last<Policy | null>(() => null),
  findings: last<Finding[]>(() => []),
  /** Snapshots of the resources that failed, for planning without re-reading. */
  failing: last<Resource[]>(() => []),
  summary: last<Summary | null>(() => null),
  /** Why enforcing needs a person's explicit approval (conflicts, actions that are not plain tightening). */
  safety: last<string[]>(() => []),
  /** Kinds or regions that could not be listed at all. */
  collectionErrors: last<string[]>(() => []),
  coverage: last<Coverage | null>(() => null),
  drift: last<DriftSummary | null>(() => null),
  blastRadius: last<BlastRadius | null>(() => null),
  approval: last<Approval | null>(() => null),
  actions: last<ActionResult[]>(() => []),
  notes: last<string[]>(() => []),
  status: last<RunStatus>(() => "running"),
  error: last<RunError | null>(() => null),
});

export type State = typeof GovernanceState.State;
export type StateUpdate = typeof GovernanceState.Update;
