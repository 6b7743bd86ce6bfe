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
 * Values the translator recognised in the intent, offered to the controls that take them: the
 * params every domain shares. A domain adds its own by augmenting this interface from its params
 * file (`declare module "…/engine/control.js" { interface ControlParamsMap { … } }`), so controls
 * keep typed params; the runtime schema is generated from the registry's ParamDefinitions
 * (`ControlParamsSchema` in engine/registry.ts), each of which carries its own schema.
 */
export interface ControlParamsMap {
  /** Ports (TCP/UDP) the intent names: "SSH", "port 5432", "MySQL". */
  ports?: number[];
  /** A duration in whole days: maximum instance age, maximum time stopped, transition age. */
  days?: number;
  /** A count limit, e.g. the most rules a security group may have. */
  count?: number;
  /** A CIDR prefix length: public sources wider than /prefixLength are refused. */
  prefixLength?: number;
  /** Tags a resource must carry: key → required value, or null for any value. */
  tags?: Record<string, string | null>;
  /** The values (or pattern) one tag's value must take. */
  tagValues?: TagValuesParam;
  /** A glob (`prod-*`) or a regular expression (`^prod-[a-z]+$`) names or ids must match. */
  namePattern?: string;
}
export type ControlParams = ControlParamsMap;

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
