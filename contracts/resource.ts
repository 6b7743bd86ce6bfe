// The normalised resource envelope and the evaluation result types.
import { z } from "zod";

/**
 * Where a finding's resource lives, whatever the domain: the domain, a partition inside it and the
 * root that holds it (for AWS: a region and an account id), plus `file` and `line` for resources
 * read from files.
 */
export const LocationSchema = z.object({
  domain: z.string().min(1),
  partition: z.string(),
  root: z.string(),
  file: z.string().optional(),
  line: z.number().int().positive().optional(),
});
export type Location = z.infer<typeof LocationSchema>;

/**
 * Every resource, whatever its source (live SDK, sandbox, later IaC), is a flat object:
 * the envelope fields below plus its kind's model fields. Condition paths resolve on it.
 */
export const ResourceEnvelopeSchema = z.object({
  kind: z.string(),
  /** Bucket name, instance id, group id, volume id, file-system id, ASG name, account id or region. */
  id: z.string(),
  /** AWS spelling of location.partition and location.root, kept while AWS code reads them. */
  region: z.string(),
  account: z.string(),
  name: z.string().nullable(),
  tags: z.record(z.string(), z.string()),
  /** Set by the source; an envelope without one is an AWS resource (region and account). */
  location: LocationSchema.optional(),
});
export type ResourceEnvelope = z.infer<typeof ResourceEnvelopeSchema>;
export type Resource = ResourceEnvelope & Record<string, unknown>;

/** The one place generic code reads where a resource lives (scope, history keys, sweeps, metrics). */
export const locationOf = (resource: ResourceEnvelope): Location =>
  resource.location ?? { domain: "aws", partition: resource.region, root: resource.account };

export const EvaluationStatusSchema = z.enum(["pass", "fail", "error", "skip"]);
export type EvaluationStatus = z.infer<typeof EvaluationStatusSchema>;

/**
 * Why a condition passed or failed: which path, what was expected, what was found. `actual` is
 * whatever the path held, and absent when it held nothing (an untagged resource's tag): optional
 * because JSON drops an undefined key, so the stored form must read back through this schema too.
 */
export const EvidenceSchema = z.object({
  path: z.string(),
  expected: z.string(),
  actual: z.unknown().optional(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

export const FindingSchema = z.object({
  policyId: z.string(),
  policyVersion: z.number().int(),
  ruleId: z.string(),
  kind: z.string(),
  resourceId: z.string(),
  region: z.string(),
  status: EvaluationStatusSchema,
  /** One sentence a person can act on, e.g. "encryption is not configured". */
  reason: z.string(),
  evidence: z.array(EvidenceSchema),
  /** Set by evaluation and kept by the store; absent only on findings written before locations existed. */
  location: LocationSchema.optional(),
});
export type Finding = z.infer<typeof FindingSchema>;
