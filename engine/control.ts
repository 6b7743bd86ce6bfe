// What a catalogue control declares: the rule it builds, its benchmark ids, the words people
// use for it (the offline translator's lexicon comes from here) and examples that prove the rule.
import { z } from "zod";
import type { ResourceEnvelope } from "../contracts/resource.js";
import type { Condition, RemediationRef, Severity } from "../contracts/policy.js";

/**
 * The `kind` of a control that applies to every kind (tags, names). Such a control is
 * instantiated once per kind the intent names — see `instantiateControl` and `ruleIdFor`.
 */
export const ANY_KIND = "*";

/** The four S3 Block Public Access flags, as the models name them. */
export const BPA_FLAGS = ["blockPublicAcls", "ignorePublicAcls", "blockPublicPolicy", "restrictPublicBuckets"] as const;
export type BpaFlag = (typeof BPA_FLAGS)[number];

export const TagValuesParamSchema = z
  .object({
    /** The tag key whose value is constrained, e.g. `env`. */
    key: z.string().min(1),
    /** The values allowed, e.g. ["prod", "staging", "dev"]. */
    values: z.array(z.string()).min(1).optional(),
    /** A regular expression the value must match (`(?i)` prefix for case-insensitive). */
    pattern: z.string().min(1).optional(),
  })
  .strict();
export type TagValuesParam = z.infer<typeof TagValuesParamSchema>;

/**
 * Values the translator recognised in the intent, offered to the controls that take them.
 * TODO(issue 10): today one hand-kept union of every domain's params; it becomes the schema generated
 * from the registry's ParamDefinitions once each domain declares its own.
 */
export const ControlParamsSchema = z
  .object({
    /** Ports (TCP/UDP) the intent names: "SSH", "port 5432", "MySQL". */
    ports: z.array(z.number().int().min(0).max(65535)).min(1).optional(),
    /** A KMS key id, ARN or alias ("alias/data") the resource must be encrypted with. */
    kmsKeyId: z.string().min(1).optional(),
    /** A duration in whole days: maximum instance age, maximum time stopped, EFS transition age. */
    days: z.number().int().positive().optional(),
    /** A count limit, e.g. the most rules a security group may have. */
    count: z.number().int().positive().optional(),
    /** A CIDR prefix length: public sources wider than /prefixLength are refused. */
    prefixLength: z.number().int().min(1).max(128).optional(),
    /** The Block Public Access flags the intent names; absent = all four. */
    bpaFlags: z.array(z.enum(BPA_FLAGS)).min(1).optional(),
    /** The bucket that receives S3 server access logs. */
    targetBucket: z.string().min(1).optional(),
    /** Tags a resource must carry: key → required value, or null for any value. */
    tags: z.record(z.string().min(1), z.string().nullable()).optional(),
    /** The values (or pattern) one tag's value must take. */
    tagValues: TagValuesParamSchema.optional(),
    /** A glob (`prod-*`) or a regular expression (`^prod-[a-z]+$`) names or ids must match. */
    namePattern: z.string().min(1).optional(),
  })
  .strict();
export type ControlParams = z.infer<typeof ControlParamsSchema>;

export interface BuiltRule {
  title: string;
  require: Condition;
  when?: Condition;
  remediation?: RemediationRef;
}

/**
 * A partial resource: every object level optional. Lists are replaced, not merged, so a list
 * in an example is written out in full.
 */
export type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/** A kind's full resource type: the envelope plus its model's fields. */
export type ModelResource<S extends z.ZodObject> = ResourceEnvelope & z.infer<S>;

/**
 * Two resources that pin down what the rule means, as overlays on `baselineResource(kind)`:
 * the compliant one passes the rule and the noncompliant one fails it.
 */
export interface ControlExamples<M> {
  compliant: DeepPartial<M>;
  noncompliant: DeepPartial<M>;
}

/**
 * Static examples hold for the control's default params. A function of the params makes
 * examples that hold for the params given (the validator checks translated rules with them),
 * or returns null when it cannot (e.g. a regular expression it cannot write a match for).
 */
export type ExamplesSource<M> = ControlExamples<M> | ((params: ControlParams) => ControlExamples<M> | null);

export interface ControlDefinition<M extends object = Record<string, unknown>> {
  /** Stable id, e.g. `s3.bucket-not-public`; rules carry it in `control`. */
  id: string;
  /** A resource kind, or `ANY_KIND` ("*") for controls that apply to whatever kind the intent names. */
  kind: string;
  title: string;
  /** One sentence: what the control means, as an auditor would read it. */
  description: string;
  severity: Severity;
  /** Benchmark control ids from the table of published titles, e.g. `CIS-AWS-3.0-2.1.1`, `FSBP-S3.4`. */
  benchmarks: readonly string[];
  /**
   * Phrases that evoke this control (lower case). Each matched phrase adds its length in
   * words to the control's score, so specific phrases outweigh generic ones. Every control
   * the intent's words match becomes a rule, so a narrow control keeps to phrases specific to
   * it ("bucket key", "mfa delete") and leaves broad words ("encrypted", "public") to the
   * broad control of its kind.
   */
  words: readonly string[];
  /** Parameters the control can take from the intent. */
  takes?: ReadonlyArray<keyof ControlParams>;
  /**
   * The rule's condition and remediation for these params (absent params take the defaults
   * the description names). `kind` is the kind the rule is for; only `ANY_KIND` controls use
   * it (for the title), and they accept its absence.
   */
  build(params: ControlParams, kind?: string): BuiltRule;
  examples: ExamplesSource<M>;
}
