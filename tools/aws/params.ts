// AWS's own params: a KMS key, S3 Block Public Access flags and the access-log target bucket —
// their types (added to the engine's ControlParamsMap), schemas, and how an intent's words name them.
import { z } from "zod";
import type { ParamDefinition } from "../../engine/domain.js";
import { defineParam } from "../../engine/params.js";

/** The four S3 Block Public Access flags, as the models name them. */
export const BPA_FLAGS = ["blockPublicAcls", "ignorePublicAcls", "blockPublicPolicy", "restrictPublicBuckets"] as const;
export type BpaFlag = (typeof BPA_FLAGS)[number];

declare module "../../engine/control.js" {
  interface ControlParamsMap {
    /** A KMS key id, ARN or alias ("alias/data") the resource must be encrypted with. */
    kmsKeyId?: string;
    /** The Block Public Access flags the intent names; absent = all four. */
    bpaFlags?: BpaFlag[];
    /** The bucket that receives S3 server access logs. */
    targetBucket?: string;
  }
}

/** How people write each flag ("BlockPublicAcls" is split into words by the tokenizer). */
const BPA_FLAG_PHRASES: Readonly<Record<BpaFlag, readonly string[]>> = {
  blockPublicAcls: ["block public acls", "block public acl", "block new public acls"],
  ignorePublicAcls: ["ignore public acls", "ignore public acl", "ignore existing public acls"],
  blockPublicPolicy: ["block public policy", "block public policies", "block public bucket policies", "block new public bucket policies"],
  restrictPublicBuckets: ["restrict public buckets", "restrict public bucket", "restrict public bucket policies"],
};

/** A KMS key ARN (key or alias), an alias, a key id or a multi-Region key id. */
const KMS_KEY = /^(arn:aws[\w-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[\w/-]+|alias\/[\w/-]+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;

const text = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined);

// Ranks place each between the neutral params (engine/params.ts), where the hand-kept schema had them.
export const AWS_PARAMS: readonly ParamDefinition[] = [
  defineParam({
    name: "kmsKeyId", description: "A KMS key id, ARN or alias the resource must be encrypted with.", rank: 20, schema: z.string().min(1), sample: "alias/data",
    token: KMS_KEY, recognise: (found) => text(found.kmsKeyId),
  }),
  defineParam({
    name: "bpaFlags", description: "The S3 Block Public Access flags the intent names; absent = all four.", rank: 60, schema: z.array(z.enum(BPA_FLAGS)).min(1), sample: ["blockPublicAcls"],
    phrases: BPA_FLAG_PHRASES,
    recognise: (found) => {
      const named: unknown[] = Array.isArray(found.bpaFlags) ? found.bpaFlags : [];
      const flags = BPA_FLAGS.filter((f) => named.includes(f));
      return flags.length > 0 ? flags : undefined;
    },
  }),
  defineParam({
    name: "targetBucket", description: "The bucket that receives S3 server access logs.", rank: 70, schema: z.string().min(1), sample: "access-logs",
    // "log to bucket audit-logs", "deliver logs into the s3 bucket central-logs", "target bucket x".
    after: {
      verbs: ["log", "logs", "logging", "logged", "deliver", "delivered", "ship", "shipped", "send", "sent", "write", "written", "store", "stored"],
      leads: ["to", "into", "in"],
      labels: ["target"],
      skip: ["the", "s3", "a", "dedicated", "central", "logging"],
      nouns: ["bucket"],
      value: /^[a-z0-9][a-z0-9.-]*$/,
    },
    recognise: (found) => text(found.targetBucket),
  }),
];
