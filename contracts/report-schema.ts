// The run report as a zod schema: what other services read from a finished job, published as
// JSON Schema (schemas/run-report.schema.json). Tests parse real reports with it, so the
// schema cannot drift from what the reporter writes.
import { z } from "zod";
import { EvaluationStatusSchema, EvidenceSchema, LocationSchema } from "./resource.js";
import { ACTION_STATUSES, PlanSchema, RUN_STATUSES, SweepTargetShape } from "./run.js";

const SummarySchema = z.object({
  resources: z.number().int(), passed: z.number().int(), failed: z.number().int(), errors: z.number().int(), skipped: z.number().int(),
});

const ReportLocationSchema = LocationSchema.describe("Where the resource lives: domain, partition and root (AWS: region and account id); file and line for resources read from files.");

const ErrorSchema = z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() });

/** One evaluated (rule, resource) pair, whatever its verdict: the evidence of what was checked. */
export const ReportFindingSchema = z.object({
  resourceId: z.string(), kind: z.string(), region: z.string().describe("AWS findings: the resource's region (also location.partition)."),
  ruleId: z.string(), status: EvaluationStatusSchema, reason: z.string(),
  evidence: z.array(EvidenceSchema).describe("What was looked at: each path, what the rule expected, and the value seen."),
  location: ReportLocationSchema,
});
export type ReportFinding = z.infer<typeof ReportFindingSchema>;

export const RunReportSchema = z.object({
  runId: z.string(),
  status: z.enum(RUN_STATUSES),
  intent: z.string(),
  command: z.enum(["run", "check", "explain", "sweep"]),
  sweep: SweepTargetShape.nullable(),
  applied: z.boolean(),
  plan: PlanSchema.pick({ operation: true, kinds: true, scope: true, interpretation: true }).nullable(),
  policy: z
    .object({
      id: z.string(), version: z.number().int(), title: z.string(), mode: z.string(), scope: z.unknown(),
      explanation: z.string().describe("The policy in plain words."),
      rules: z.array(z.object({
        id: z.string(), title: z.string(), kind: z.string(), severity: z.string(), controls: z.array(z.string()), remediation: z.string().nullable(),
      })),
    })
    .nullable(),
  findings: z.array(ReportFindingSchema)
    .describe("Every evaluated (rule, resource) pair: pass, fail, error and skip (--quiet: fail and error only). The summary counts resources, each by its worst verdict."),
  actions: z.array(z.object({
    resourceId: z.string(), kind: z.string(), region: z.string().describe("AWS resources: the region (also location.partition)."), location: ReportLocationSchema,
    action: z.string(), status: z.enum(ACTION_STATUSES),
    before: z.unknown(), after: z.unknown(), summary: z.string(), detail: z.string().optional(),
  })),
  summary: SummarySchema,
  outstanding: z.object({ low: z.number().int(), medium: z.number().int(), high: z.number().int(), critical: z.number().int() })
    .describe("(rule, resource) findings still failing or erroring after the run (not fixed and verified), per rule severity; exit codes gate on it."),
  blastRadius: z.object({ resources: z.number().int(), changes: z.number().int(), manual: z.number().int() }).nullable(),
  drift: z
    .object({
      baseline: z.boolean(), drift: z.number().int(), recovered: z.number().int(), removed: z.number().int(), stillFailing: z.number().int(),
      changes: z.array(z.object({ ruleId: z.string(), kind: z.string(), region: z.string(), location: ReportLocationSchema, resourceId: z.string(), change: z.string() })),
    })
    .nullable(),
  safety: z.array(z.string()),
  approval: z.object({ approved: z.boolean(), by: z.string(), at: z.string(), comment: z.string().optional() }).nullable(),
  collectionErrors: z.array(z.string()),
  notes: z.array(z.string()),
  error: ErrorSchema.nullable(),
});
