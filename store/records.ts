// Domain records the store returns and accepts (zod schemas; types inferred from them).
import { z } from "zod";
import { JsonValueSchema, PolicyModeSchema, PolicySchema, PolicyStatusSchema } from "../contracts/policy.js";
import { FindingSchema, LocationSchema } from "../contracts/resource.js";
import { JsonInputSchema } from "./codec.js";
import { RUN_STATUSES, RunStatusSchema, type RunStatus } from "../contracts/run.js";

export { RUN_STATUSES, RunStatusSchema, type RunStatus };

export type PolicyStatus = z.infer<typeof PolicyStatusSchema>;

const TimestampSchema = z.string().min(1);
const LimitSchema = z.number().int().positive().optional();
/** Who did something: a user, `slack:U123`, `scheduler`, `agpm`. */
const ActorSchema = z.string().min(1);

export const JsonObjectSchema = z.record(z.string(), JsonValueSchema);
export type JsonObject = z.infer<typeof JsonObjectSchema>;

// ── policies ────────────────────────────────────────────────────────────────

export const PolicySummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  status: PolicyStatusSchema,
  version: z.number().int(),
  kinds: z.array(z.string()),
  rules: z.number().int(),
  mode: PolicyModeSchema,
  updatedAt: TimestampSchema,
});
export type PolicySummary = z.infer<typeof PolicySummarySchema>;

export const PolicyVersionEntrySchema = z.object({
  version: z.number().int(),
  policy: PolicySchema,
  createdAt: TimestampSchema,
  createdBy: z.string(),
});
export type PolicyVersionEntry = z.infer<typeof PolicyVersionEntrySchema>;

// ── runs ────────────────────────────────────────────────────────────────────


/**
 * `run`: an intent through the whole graph. `check`: translate and evaluate, change nothing.
 * `explain`: translate and prove, no inventory. `sweep`: a stored policy evaluated (and, in
 * enforce mode, remediated) by a scheduled or requested sweep.
 */
export const RunKindSchema = z.enum(["run", "check", "explain", "sweep"]);
export type RunKind = z.infer<typeof RunKindSchema>;

/** How a run failed; the shape of `AgpmError.toJSON()`. */
export const RunErrorSchema = z.object({
  code: z.string().min(1),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).default({}),
});
export type RunError = z.infer<typeof RunErrorSchema>;

export const RunSchema = z.object({
  id: z.string(),
  intent: z.string(),
  kind: RunKindSchema,
  status: RunStatusSchema,
  /** Where the run looks: e.g. `{ "type": "sandbox", "file": "account.json" }`. */
  target: JsonObjectSchema,
  options: JsonObjectSchema,
  policyId: z.string().nullable(),
  policyVersion: z.number().int().nullable(),
  actor: ActorSchema,
  result: JsonValueSchema.nullable(),
  error: RunErrorSchema.nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
export type Run = z.infer<typeof RunSchema>;

export const NewRunSchema = z.object({
  /** Defaults to a fresh `run_…` id. */
  id: z.string().min(1).optional(),
  intent: z.string(),
  kind: RunKindSchema,
  status: RunStatusSchema.default("running"),
  target: JsonObjectSchema,
  options: JsonObjectSchema.default({}),
  policyId: z.string().nullable().default(null),
  policyVersion: z.number().int().positive().nullable().default(null),
  actor: ActorSchema,
});
export type NewRun = z.input<typeof NewRunSchema>;

/** Fields a run may change after creation; `null` clears result/error/policy. */
export const RunPatchSchema = z
  .object({
    status: RunStatusSchema,
    policyId: z.string().nullable(),
    policyVersion: z.number().int().positive().nullable(),
    // Taken in its JSON form: a report with an undefined field or a Date must not be refused.
    result: JsonInputSchema.nullable(),
    error: RunErrorSchema.nullable(),
  })
  .partial()
  .strict();
export type RunPatch = z.input<typeof RunPatchSchema>;

export const RunQuerySchema = z.object({ limit: LimitSchema, status: RunStatusSchema.optional() });
export type RunQuery = z.input<typeof RunQuerySchema>;

// ── findings ────────────────────────────────────────────────────────────────

export const StoredFindingSchema = FindingSchema.extend({
  /** Always present once stored: rows from before locations existed read as AWS, root ''. */
  location: LocationSchema,
  id: z.string(),
  runId: z.string(),
  createdAt: TimestampSchema,
});
export type StoredFinding = z.infer<typeof StoredFindingSchema>;

export const FindingQuerySchema = z.object({
  runId: z.string().optional(),
  policyId: z.string().optional(),
  status: FindingSchema.shape.status.optional(),
  limit: LimitSchema,
});
export type FindingQuery = z.input<typeof FindingQuerySchema>;

// ── audit ───────────────────────────────────────────────────────────────────

/** Results the project writes today; the column is free text so new ones need no migration. */
export const AUDIT_RESULTS = [
  "planned", "applying", "applied", "verified", "failed", "manual", "approved", "rejected",
  "policy-created", "policy-updated", "policy-retired",
] as const;
export type KnownAuditResult = (typeof AUDIT_RESULTS)[number];

export const AuditEventSchema = z.object({
  id: z.string(),
  at: TimestampSchema,
  actor: ActorSchema,
  runId: z.string().nullable(),
  policyId: z.string().nullable(),
  policyVersion: z.number().int().nullable(),
  resourceId: z.string().nullable(),
  kind: z.string().nullable(),
  region: z.string().nullable(),
  /**
   * Where the event's resource lives; null when it names none. Events written before locations
   * existed read back as AWS ones in their region, root '' (unknown).
   */
  location: LocationSchema.nullable(),
  /** The remediation action or verb, e.g. `s3.block-public-access`. */
  action: z.string().nullable(),
  before: JsonValueSchema.nullable(),
  after: JsonValueSchema.nullable(),
  result: z.string().min(1),
  detail: z.string().nullable(),
  dedupeKey: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;

export const NewAuditEventSchema = AuditEventSchema.extend({
  id: z.string().min(1).optional(),
  /** Defaults to now. */
  at: TimestampSchema.optional(),
  // A remediation's before/after come from SDK objects: kept in their JSON form (see toJson).
  before: JsonInputSchema.nullable(),
  after: JsonInputSchema.nullable(),
}).partial({
  runId: true, policyId: true, policyVersion: true, resourceId: true, kind: true, region: true, location: true,
  action: true, before: true, after: true, detail: true, dedupeKey: true,
});
export type NewAuditEvent = z.input<typeof NewAuditEventSchema>;

export interface AppendResult {
  /** False when an event with the same dedupe key was already stored. */
  inserted: boolean;
  /** The stored event's id (the earlier one when deduplicated). */
  id: string;
}

export const AuditQuerySchema = z.object({
  runId: z.string().optional(),
  policyId: z.string().optional(),
  resourceId: z.string().optional(),
  limit: LimitSchema,
});
export type AuditQuery = z.input<typeof AuditQuerySchema>;
