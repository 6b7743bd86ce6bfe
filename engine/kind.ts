// What every resource kind declares: its model schema and the words people use for it.
import type { z } from "zod";
import { ResourceEnvelopeSchema } from "../contracts/resource.js";

export interface KindDefinition {
  /** Normalised kind name, e.g. `aws.s3.bucket`. */
  name: string;
  /** Singular noun for reports, e.g. "S3 bucket". */
  noun: string;
  plural: string;
  /** Provider service, e.g. `s3`, `ec2`. */
  service: string;
  /** What the resource id is, e.g. "bucket name". */
  idField: string;
  /**
   * Words and phrases people use for this kind (lower case). The offline translator's
   * lexicon is built from these, so adding a kind teaches it its vocabulary.
   */
  words: readonly string[];
  /** The model's own fields (the envelope is added by `modelSchema`). */
  model: z.ZodObject;
  /**
   * Works out again the fields the collector derives from others (S3's effective public access),
   * so a planned after-state reads as the collector would read it. Absent: no derived fields.
   */
  rederive?(resource: Readonly<Record<string, unknown>>): Record<string, unknown>;
}

/** The full schema of a kind's resources: envelope plus model. */
export function modelSchema(kind: KindDefinition): z.ZodObject {
  return ResourceEnvelopeSchema.extend(kind.model.shape);
}
