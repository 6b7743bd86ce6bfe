// Response shapes the API documents and returns, as zod schemas; the OpenAPI document is generated
// from these, and the compile-time checks below keep them in step with the types they describe.
import { z } from "zod";
import type { RunReport } from "../agents/reporter/report.js";
import { ReportFindingSchema } from "../contracts/report-schema.js";
import { LocationSchema } from "../contracts/resource.js";
import { RUN_STATUSES } from "../store/index.js";
import { ACTION_STATUSES } from "../contracts/run.js";

const Nullable = <T extends z.ZodType>(schema: T) => schema.nullable();

export const SummarySchema = z.object({
  resources: z.number().int(),
  passed: z.number().int(),
  failed: z.number().int(),
  errors: z.number().int(),
  skipped: z.number().int(),
});

export const RunErrorBodySchema = z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() });

/** Where a resource lives; absent in reports stored before actions and drift carried it. */
const StoredLocationSchema = LocationSchema.optional().describe("where the resource lives (domain, partition, root; file and line for files); absent in reports stored before it existed");

/** The run report: the same document `agpm run --json` prints. */
export const RunReportSchema = z.object({
  runId: z.string(),
  status: z.enum(RUN_STATUSES),
  intent: z.string(),
  command: z.enum(["run", "check", "explain", "sweep"]),
  sweep: z.object({
    policyId: z.string(), partition: z.string().nullable().optional().describe("the partition swept (AWS: the region); absent in reports stored before it existed"),
    region: z.string().nullable(), sweepId: z.string().nullable(),
  }).nullish(),
  applied: z.boolean(),
  plan: Nullable(z.object({
    operation: z.enum(["create", "update", "check-only", "retire", "exempt", "sweep"]),
    kinds: z.array(z.string()),
    scope: z.unknown(),
    interpretation: z.array(z.string()),
  })),
  policy: Nullable(z.object({
    id: z.string(), version: z.number().int(), title: z.string(), mode: z.string(), scope: z.unknown(),
    explanation: z.string().describe("the policy in plain words"),
    rules: z.array(z.object({
      id: z.string(), title: z.string(), kind: z.string(), severity: z.string(), controls: z.array(z.string()), remediation: z.string().nullable(),
    })),
  })),
  findings: z.array(ReportFindingSchema.partial({ evidence: true, location: true }))
    .describe("every evaluated (rule, resource) pair: pass, fail, error and skip, with evidence and location; reports stored before this version list failures and errors only, without evidence or location"),
  actions: z.array(z.object({
    resourceId: z.string(), kind: z.string(), region: z.string(), location: StoredLocationSchema, action: z.string(),
    status: z.enum(ACTION_STATUSES),
    before: z.unknown(), after: z.unknown(), summary: z.string(), detail: z.string().optional(),
  })),
  summary: SummarySchema,
  outstanding: z.object({ low: z.number().int(), medium: z.number().int(), high: z.number().int(), critical: z.number().int() })
    .optional().describe("findings still failing or erroring after the run, per rule severity (what CLI exit codes gate on); absent in reports stored before it existed"),
  blastRadius: Nullable(z.object({ resources: z.number().int(), changes: z.number().int(), manual: z.number().int() })),
  drift: Nullable(z.object({
    baseline: z.boolean(), drift: z.number().int(), recovered: z.number().int(), removed: z.number().int(), stillFailing: z.number().int(),
    changes: z.array(z.object({ ruleId: z.string(), kind: z.string(), region: z.string(), location: StoredLocationSchema, resourceId: z.string(), change: z.string() })),
  })),
  safety: z.array(z.string()).describe("why enforcement needs explicit approval"),
  approval: Nullable(z.object({ approved: z.boolean(), by: z.string(), at: z.string(), comment: z.string().optional() })),
  collectionErrors: z.array(z.string()),
  notes: z.array(z.string()),
  error: Nullable(RunErrorBodySchema),
});

/** The queue job state, plus "unknown" for a job that has been removed after its retention. */
export const JobStateSchema = z.enum(["waiting", "delayed", "prioritized", "waiting-children", "active", "completed", "failed", "unknown"]);

export const LinksSchema = z.object({ run: z.string(), job: z.string() });

/** What POST /v1/intents and the approve/reject routes answer. */
export const SubmissionSchema = z.object({
  runId: z.string(),
  jobId: z.string(),
  /** The job's state when the answer was made. */
  state: JobStateSchema,
  links: LinksSchema,
  /** With ?wait=true and a finished job: the run report. */
  report: RunReportSchema.nullable(),
  /** With ?wait=true and a failed job: why. */
  error: RunErrorBodySchema.nullable(),
});
export type Submission = z.infer<typeof SubmissionSchema>;

export const JobSchema = z.object({
  id: z.string(),
  name: z.string(),
  state: JobStateSchema,
  runId: z.string().nullable(),
  attemptsMade: z.number().int(),
  createdAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  failedReason: z.string().nullable(),
  report: RunReportSchema.nullable(),
});
export type JobView = z.infer<typeof JobSchema>;

export const RunViewSchema = z.object({
  id: z.string(),
  intent: z.string(),
  kind: z.enum(["run", "check", "explain", "sweep"]),
  status: z.enum(RUN_STATUSES),
  actor: z.string(),
  source: z.string().nullable(),
  policyId: z.string().nullable(),
  policyVersion: z.number().int().nullable(),
  options: z.object({ apply: z.boolean().nullable(), autoApprove: z.boolean().nullable(), maxChanges: z.number().int().nullable() }),
  error: RunErrorBodySchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** GET /v1/runs/:id: "queued" until a worker starts the run, then the run's own status. */
export const RunDetailSchema = z.object({
  id: z.string(),
  status: z.enum(["queued", ...RUN_STATUSES]),
  /** The job that carries the run, while the server remembers it (7 days). */
  jobId: z.string().nullable(),
  run: RunViewSchema.nullable(),
  /** State, plan, policy, findings and actions: the run report, once the run has one. */
  report: RunReportSchema.nullable(),
});

/** Opaque; pass it back as `cursor` for the next page. null on the last page. */
export const NextCursorSchema = z.string().nullable();

// Compile-time guard: a report the reporter builds must be a valid response.
export type _ReportFits = RunReport extends z.input<typeof RunReportSchema> ? true : never;
const _reportFits: _ReportFits = true;
void _reportFits;
