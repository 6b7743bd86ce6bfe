// AWS's own params: a KMS key, S3 Block Public Access flags and the access-log target bucket.
import { ControlParamsSchema } from "../../engine/control.js";
import type { ParamDefinition } from "../../engine/domain.js";

const shape = ControlParamsSchema.shape;
const text = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined);

export const AWS_PARAMS: readonly ParamDefinition[] = [
  { name: "kmsKeyId", description: "A KMS key id, ARN or alias the resource must be encrypted with.", schema: shape.kmsKeyId.unwrap(), sample: "alias/data", recognise: (found) => text(found.kmsKeyId) },
  {
    name: "bpaFlags", description: "The S3 Block Public Access flags the intent names; absent = all four.", schema: shape.bpaFlags.unwrap(), sample: ["blockPublicAcls"],
    recognise: (found) => (Array.isArray(found.bpaFlags) ? (found.bpaFlags as ParamDefinition<"bpaFlags">["sample"]) : undefined),
  },
  { name: "targetBucket", description: "The bucket that receives S3 server access logs.", schema: shape.targetBucket.unwrap(), sample: "access-logs", recognise: (found) => text(found.targetBucket) },
] as readonly ParamDefinition[];
