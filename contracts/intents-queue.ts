// The `intents` queue contract — name, job names, payload and result — imported by
// producers and workers alike so both sides validate the same shape.
import { createHash } from "node:crypto";
import { z } from "zod";
import type { RunReport } from "./run-report.js";
import { AgpmError } from "../core/errors.js";
import { describeFirstIssue } from "../core/zod-issue.js";
import { TargetSchema } from "./target.js";

export const INTENTS_QUEUE = "intents";

/**
 * Job names: the governance command the job runs, or `resume` — an approver's decision on a run
 * paused for approval, carried out by whichever worker takes the job.
 */
export const INTENT_JOB_NAMES = ["run", "check", "resume"] as const;
export type IntentJobName = (typeof INTENT_JOB_NAMES)[number];
export type IntentCommandName = Exclude<IntentJobName, "resume">;

/** Largest accepted payload (UTF-8 JSON bytes): an intent is a sentence, not a document. */
export const MAX_INTENT_PAYLOAD_BYTES = 16 * 1024;

/** Identical submissions within this window are folded into one job. */
export const DEFAULT_DEDUP_WINDOW_MS = 60_000;

export const IntentJobOptionsSchema = z
  .object({
    apply: z.boolean().default(false),
    autoApprove: z.boolean().default(false),
    /** The worker's AGPM_MAX_CHANGES when absent. */
    maxChanges: z.number().int().min(0).optional(),
    /** The worker's AGPM_TRANSLATOR when absent. */
    translator: z.enum(["offline", "llm", "auto"]).optional(),
    target: TargetSchema,
    /** Where the request came from, for the audit log. */
    source: z.string().min(1).max(100).default("queue"),
    /** Who asked; recorded as the run's actor. */
    requester: z.string().min(1).max(200),
    /**
     * The run's id, chosen by the producer so it can point at the run before a worker starts it
     * (the HTTP API answers 202 with it). A retried job carries on with the same run.
     */
    runId: z.string().regex(/^run_[0-9a-z]{1,64}$/, "a run id such as run_0mww6y4hn3fujt3y3ptu0p").optional(),
  })
  .strict();

export const IntentJobDataSchema = z
  .object({
    intent: z.string().trim().min(3, "the intent is empty").max(2000, "the intent is longer than 2000 characters"),
    options: IntentJobOptionsSchema,
  })
  .strict();

export type IntentJobData = z.infer<typeof IntentJobDataSchema>;

export const ResumeJobDataSchema = z
  .object({
    runId: z.string().min(1).max(200),
    approved: z.boolean(),
    /** The approver, recorded in the audit log. */
    by: z.string().min(1).max(200),
    comment: z.string().max(2000).optional(),
    source: z.string().min(1).max(100).default("queue"),
  })
  .strict();
export type ResumeJobData = z.infer<typeof ResumeJobDataSchema>;
export type ResumeJobInput = z.input<typeof ResumeJobDataSchema>;
export type IntentJobInput = z.input<typeof IntentJobDataSchema>;
export type IntentJobResult = RunReport;

export function payloadBytes(data: unknown): number {
  return Buffer.byteLength(JSON.stringify(data) ?? "", "utf8");
}

export type ParsedIntentJob = { name: IntentCommandName; data: IntentJobData } | { name: "resume"; data: ResumeJobData };

/**
 * Validates a job's name and payload.
 * @throws AgpmError INPUT_INVALID with the reason (unknown name, oversized, or the first schema issue).
 */
export function parseIntentJob(name: string, data: unknown): ParsedIntentJob {
  if (!(INTENT_JOB_NAMES as readonly string[]).includes(name)) {
    throw new AgpmError("INPUT_INVALID", `unknown job name "${name}" on the ${INTENTS_QUEUE} queue (expected ${INTENT_JOB_NAMES.join(", ")})`);
  }
  const bytes = payloadBytes(data);
  if (bytes > MAX_INTENT_PAYLOAD_BYTES) {
    throw new AgpmError("INPUT_INVALID", `payload is ${bytes} bytes; the limit is ${MAX_INTENT_PAYLOAD_BYTES}`, { details: { bytes } });
  }
  const parsed = name === "resume" ? ResumeJobDataSchema.safeParse(data) : IntentJobDataSchema.safeParse(data);
  if (!parsed.success) throw new AgpmError("INPUT_INVALID", `invalid payload: ${describeFirstIssue(parsed.error)}`);
  return { name, data: parsed.data } as ParsedIntentJob;
}

// Key order must not matter: the same request written twice must hash the same.
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, canonical(v)]));
  }
  return value;
}

/**
 * Deduplication id: a hash of the job name, intent and options (requester included). A chosen
 * run id is left out, so a repeated request still folds into the first job (and its run).
 */
export function intentDedupId(name: IntentCommandName, data: IntentJobData): string {
  const { runId: _runId, ...options } = data.options;
  const digest = createHash("sha256").update(JSON.stringify(canonical({ name, ...data, options }))).digest("hex");
  return `intent:${digest.slice(0, 32)}`;
}
