// What a catalogue control declares: the rule it builds, its benchmark ids, and the words
// people use for it (the offline translator's lexicon comes from here).
import type { Condition, RemediationRef, Severity } from "../schema.js";

/** Values the translator recognised in the intent, offered to controls that take them. */
export interface ControlParams {
  ports?: number[];
  kmsKeyId?: string;
}

export interface BuiltRule {
  title: string;
  require: Condition;
  when?: Condition;
  remediation?: RemediationRef;
}

export interface ControlDefinition {
  /** Stable id, e.g. `s3.bucket-not-public`; rules carry it in `control`. */
  id: string;
  kind: string;
  title: string;
  /** One sentence: what the control means, as an auditor would read it. */
  description: string;
  severity: Severity;
  /** Benchmark control ids, e.g. `CIS-AWS-2.1.1`, `FSBP-S3.4`. */
  benchmarks: readonly string[];
  /**
   * Phrases that evoke this control (lower case). Each matched phrase adds its length in
   * words to the control's score, so specific phrases outweigh generic ones.
   */
  words: readonly string[];
  /** Parameters the control can take from the intent. */
  takes?: ReadonlyArray<keyof ControlParams>;
  build(params: ControlParams): BuiltRule;
}
