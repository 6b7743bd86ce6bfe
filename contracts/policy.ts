// The policy IR: the one contract every agent, tool, store and surface meets in.
import { z } from "zod";
import { validTimeZone } from "../core/time-zone.js";
import { upgradeLegacyIds } from "./legacy-ids.js";

export const OPERATORS = [
  "eq", "neq", "in", "nin", "gt", "gte", "lt", "lte",
  "exists", "absent", "truthy", "falsy", "contains", "matches", "empty", "not-empty",
] as const;
export const OperatorSchema = z.enum(OPERATORS);
export type Operator = z.infer<typeof OperatorSchema>;

/** Operators that take no `value`. */
export const UNARY_OPERATORS: ReadonlySet<Operator> = new Set([
  "exists", "absent", "truthy", "falsy", "empty", "not-empty",
]);

export const JsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(JsonValueSchema), z.record(z.string(), JsonValueSchema)]),
);
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * A dotted path into a resource's model, e.g. `encryption.enabled` or `tags.env`; `@` names the
 * subject itself (inside a quantifier: the element, e.g. each of `instanceTypes`).
 */
export const PathSchema = z.string().regex(/^(@|[A-Za-z_][\w-]*(\.[A-Za-z_0-9][\w:/.-]*)*)$/, "a dotted path such as encryption.enabled, or @ for the element itself");

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { path: string; op: Operator; value?: JsonValue }
  | { path: string; every: Condition }
  | { path: string; some: Condition }
  | { path: string; none: Condition };

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(ConditionSchema).min(1) }).strict(),
    z.object({ any: z.array(ConditionSchema).min(1) }).strict(),
    z.object({ not: ConditionSchema }).strict(),
    z.object({ path: PathSchema, op: OperatorSchema, value: JsonValueSchema.optional() }).strict(),
    z.object({ path: PathSchema, every: ConditionSchema }).strict(),
    z.object({ path: PathSchema, some: ConditionSchema }).strict(),
    z.object({ path: PathSchema, none: ConditionSchema }).strict(),
  ]),
);

export const SeveritySchema = z.enum(["low", "medium", "high", "critical"]);
export type Severity = z.infer<typeof SeveritySchema>;

export const IdSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,127}$/, "lower-case letters, digits, '.', '_' or '-'");

export const RemediationRefSchema = z
  .object({
    /** A remediation action from the catalogue, e.g. `s3.enable-default-encryption`. */
    action: z.string().min(1),
    params: z.record(z.string(), JsonValueSchema).default({}),
  })
  .strict();
export type RemediationRef = z.infer<typeof RemediationRefSchema>;

export const RuleSchema = z
  .object({
    id: IdSchema,
    title: z.string().min(1),
    severity: SeveritySchema,
    /** A normalised resource kind, e.g. `aws.s3.bucket`. */
    kind: z.string().min(1),
    /** The catalogue control this rule instantiates, when it came from one. */
    control: z.string().optional(),
    /** Applicability: a resource for which `when` is false is skipped, not failed. */
    when: ConditionSchema.optional(),
    require: ConditionSchema,
    remediation: RemediationRefSchema.optional(),
    /** Benchmark control ids, e.g. `CIS-AWS-3.0-2.1.1`, `FSBP-S3.4`. */
    controls: z.array(z.string()).default([]),
  })
  .strict();
export type Rule = z.infer<typeof RuleSchema>;

export const TagMatchSchema = z.record(z.string().min(1), z.string().nullable());

export const ScopeSchema = z
  .object({
    /** Only resources in these regions; absent = every region. */
    regions: z.array(z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, "an AWS region such as eu-west-1")).optional(),
    /** Only resources in these partitions, whatever the domain (AWS spells them `regions`); absent = every one. */
    partitions: z.array(z.string().min(1)).optional(),
    /** Only resources carrying all these tags (null value = any value). */
    tags: TagMatchSchema.optional(),
    /** Only resources whose id or name matches one of these glob patterns. */
    names: z.array(z.string().min(1)).optional(),
    exclude: z
      .object({
        tags: TagMatchSchema.optional(),
        names: z.array(z.string().min(1)).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type Scope = z.infer<typeof ScopeSchema>;

/**
 * A documented exception: matching resources are reported as `skip` (never `pass`) for the
 * named rules until it expires.
 */
export const ExemptionSchema = z
  .object({
    id: IdSchema,
    /** Rule ids it covers; empty = every rule of the policy. */
    rules: z.array(z.string()).default([]),
    /** Resource ids or names (glob patterns) it covers. */
    names: z.array(z.string().min(1)).default([]),
    /** Tags a covered resource carries (null value = any value). */
    tags: TagMatchSchema.default({}),
    reason: z.string().min(1),
    owner: z.string().min(1),
    /** Last day it applies (YYYY-MM-DD, UTC); null = until removed. */
    expires: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date such as 2027-03-31").nullable(),
  })
  .strict()
  .refine((e) => e.names.length > 0 || Object.keys(e.tags).length > 0, { message: "an exemption names resources or tags" });
export type Exemption = z.infer<typeof ExemptionSchema>;

/** How often the policy is swept: an interval, or a cron pattern in a time zone (UTC by default). */
export const PolicyScheduleSchema = z
  .object({
    /** Milliseconds between sweeps. */
    every: z.number().int().min(1_000).optional(),
    cron: z.string().trim().min(1).optional(),
    tz: z.string().refine(validTimeZone, "an IANA time zone such as Europe/London").optional(),
  })
  .strict()
  .refine((s) => (s.every === undefined) !== (s.cron === undefined), { message: "a schedule has exactly one of every or cron" });
export type PolicySchedule = z.infer<typeof PolicyScheduleSchema>;

export const PolicyModeSchema = z.enum(["audit", "enforce"]);
export type PolicyMode = z.infer<typeof PolicyModeSchema>;
export const PolicyStatusSchema = z.enum(["draft", "active", "retired"]);

export const PolicySchema = z
  .object({
    id: IdSchema,
    version: z.number().int().positive(),
    title: z.string().min(1),
    intent: z.string().min(1),
    /** audit: report only, never remediate. enforce: remediate what fails. */
    mode: PolicyModeSchema,
    scope: ScopeSchema.default({}),
    // Policies stored before ids carried the CIS version load in today's numbering. On the list,
    // not on RuleSchema, so RuleSchema stays extendable (a refinement there forbids .extend).
    rules: z
      .array(RuleSchema)
      .min(1)
      .overwrite((rules) => rules.map((rule) => ({ ...rule, controls: upgradeLegacyIds(rule.controls, rule.control) }))),
    exemptions: z.array(ExemptionSchema).default([]),
    /** Swept on this schedule by `agpm scheduler`; none = only by schedules added with `agpm schedule add`. */
    schedule: PolicyScheduleSchema.optional(),
    status: PolicyStatusSchema.default("active"),
  })
  .strict();
export type Policy = z.infer<typeof PolicySchema>;
export type PolicyInput = z.input<typeof PolicySchema>;
