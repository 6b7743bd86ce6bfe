// s3.enable-default-encryption: sets the bucket's default encryption (SSE-S3 unless told SSE-KMS).
import { sdk } from "../../clients.js";
import { z } from "zod";
import { S3BucketModel } from "./model.js";
import type { AutomaticAction } from "../../kind-tools.js";
import { send } from "../../send.js";
import { changeOf, readFields } from "../../actions/common.js";

const { PutBucketEncryptionCommand } = sdk.s3;

const NAME = "s3.enable-default-encryption";
const Params = z
  .object({
    algorithm: z.enum(["AES256", "aws:kms"]).default("AES256"),
    kmsKeyId: z.string().min(1).optional(),
    bucketKeyEnabled: z.boolean().optional(),
  })
  .strict()
  .refine((p) => p.algorithm === "aws:kms" || (p.kmsKeyId === undefined && p.bucketKeyEnabled === undefined), {
    message: "kmsKeyId and bucketKeyEnabled need algorithm aws:kms",
  });
type Params = z.infer<typeof Params>;
const Fields = S3BucketModel.pick({ encryption: true });
type Encryption = z.infer<typeof Fields>["encryption"];

/** Any default encryption meets SSE-S3; SSE-KMS needs KMS with the requested key and bucket-key setting. */
function satisfied(current: Encryption, p: Params): boolean {
  if (!current.enabled) return false;
  if (p.algorithm === "AES256") return true;
  if (current.algorithm !== "aws:kms" && current.algorithm !== "aws:kms:dsse") return false;
  return (p.kmsKeyId === undefined || current.kmsKeyId === p.kmsKeyId) && (p.bucketKeyEnabled === undefined || current.bucketKeyEnabled === p.bucketKeyEnabled);
}

export const s3EnableDefaultEncryption: AutomaticAction<Params> = {
  name: NAME,
  kind: "aws.s3.bucket",
  title: "Turn on S3 default encryption",
  manual: false,
  effect: "tightens",
  permissions: ["s3:PutEncryptionConfiguration"],
  params: Params,
  plan(resource, p) {
    const { encryption } = readFields(resource, Fields, NAME);
    if (satisfied(encryption, p)) return null;
    const desired = { enabled: true, algorithm: p.algorithm, kmsKeyId: p.kmsKeyId ?? null, bucketKeyEnabled: p.bucketKeyEnabled ?? false };
    const what = p.algorithm === "AES256" ? "SSE-S3" : `SSE-KMS${p.kmsKeyId ? ` with key ${p.kmsKeyId}` : ""}`;
    return changeOf("encryption", encryption, desired, `enable ${what} default encryption on bucket ${resource.id}`);
  },
  async apply(ctx, resource, p) {
    await send(ctx, ctx.clients.s3(resource.region), new PutBucketEncryptionCommand({
      Bucket: resource.id,
      ServerSideEncryptionConfiguration: {
        Rules: [{
          ApplyServerSideEncryptionByDefault: { SSEAlgorithm: p.algorithm, ...(p.kmsKeyId ? { KMSMasterKeyID: p.kmsKeyId } : {}) },
          ...(p.algorithm === "aws:kms" ? { BucketKeyEnabled: p.bucketKeyEnabled ?? false } : {}),
        }],
      },
    }));
  },
};
