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
  /** Set by the source on every resource it collects; absent only on resources kept by older code (read through locationOf). */
  location: LocationSchema.optional(),
});
export type ResourceEnvelope = z.infer<typeof ResourceEnvelopeSchema>;
export type Resource = ResourceEnvelope & Record<string, unknown>;

/**
 * Where something recorded before locations existed lives: only AWS was read then, so its region is
 * the partition; `root` is the account when the record kept one, '' (unknown) otherwise.
 */
export const regionLocation = (region: string, root = ""): Location => ({ domain: "aws", partition: region, root });

/**
 * The one place generic code reads where a resource lives (scope, history keys, sweeps, metrics).
 * Every source sets `location` on what it collects; the derivation only reads resources kept by older
 * code (failing snapshots in runs checkpointed before sources set it).
 */
export const locationOf = (resource: ResourceEnvelope): Location => resource.location ?? regionLocation(resource.region, resource.account);

/** A location in one short line for tables: `aws eu-west-1 123456789012`, `terraform main.tf:12`. */
export function formatLocation(location: Location): string {
  const place = location.file ? `${location.file}${location.line ? `:${location.line}` : ""}` : location.partition;
  return [location.domain, place, location.file ? "" : location.root].filter((part) => part !== "").join(" ");
}

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

/**
 * A resource's identity within one run, for matching findings to the resources they are about:
 * kind, region, id and root — an organisation's accounts may hold resources of the same id in one region.
 */
const identity = (kind: string, region: string, id: string, root: string | undefined) => `${kind}\u0000${region}\u0000${id}\u0000${root ?? ""}`;
export const resourceIdentity = (r: ResourceEnvelope): string => identity(r.kind, r.region, r.id, locationOf(r).root);
export const findingIdentity = (f: Pick<Finding, "kind" | "region" | "resourceId" | "location">): string => identity(f.kind, f.region, f.resourceId, f.location?.root);
