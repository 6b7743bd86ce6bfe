// The governance graph's state, defined once; every node reads it and returns a partial update.
import { Annotation } from "@langchain/langgraph";
import { z } from "zod";
import { ExemptionSchema, PolicyScheduleSchema, PolicySchema, ScopeSchema, type Policy } from "../contracts/policy.js";
import type { Finding, Location, Resource } from "../contracts/resource.js";
import type { ActionStatus, DriftSummary, Plan, PolicySummary, RunOptions, RunStatus } from "../contracts/run.js";



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


export interface ActionResult {
  resourceId: string;
  kind: string;
  /** AWS spelling of location.partition. */
  region: string;
  /** Where the resource lives; absent only on results of runs checkpointed before actions carried it. */
  location?: Location;
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
  /** null = every region (the target's partitions). */
  regions: string[] | null;
  /** The root read (AWS: the account id): the history leaves other roots' statuses alone. */
  root?: string;
  /** Kinds listed without failure. */
  kinds: string[];
}


/** What the evaluate step stored as the run's working findings (graphs/run-findings.ts reads them). */
export interface Evaluated {
  /** (rule, resource) pairs. */
  findings: number;
  /** Distinct failing resources. */
  failing: number;
}

/** Per-resource outcome counts of an evaluation. */
export type Summary = PolicySummary;

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
  /**
   * Findings and failing snapshots: only runs checkpointed by older code carry them here. Runs now
   * keep them in the store (graphs/run-findings.ts), so checkpoints stay small; read them through it.
   */
  findings: last<Finding[]>(() => []),
  failing: last<Resource[]>(() => []),
  /** Counts of what evaluate stored; null before evaluate (and in runs checkpointed by older code). */
  evaluated: last<Evaluated | null>(() => null),
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
