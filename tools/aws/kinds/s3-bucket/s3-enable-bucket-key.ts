// s3.enable-bucket-key: turns on the S3 Bucket Key for default encryption, keeping the algorithm and
// KMS key (fewer KMS calls, so SSE-KMS stays affordable instead of being switched off).
import { sdk } from "../../clients.js";
import type { ServerSideEncryption } from "@aws-sdk/client-s3";
import { z } from "zod";
import { S3BucketModel } from "./model.js";
import type { AutomaticAction } from "../../kind-tools.js";
import { send } from "../../send.js";
import { changeOf, readFields } from "../../actions/common.js";

const { PutBucketEncryptionCommand } = sdk.s3;

const NAME = "s3.enable-bucket-key";
const Params = z.object({}).strict();
const Fields = S3BucketModel.pick({ encryption: true });

export const s3EnableBucketKey: AutomaticAction<z.infer<typeof Params>> = {
  name: NAME,
  kind: "aws.s3.bucket",
  title: "Turn on the S3 Bucket Key for default encryption",
  manual: false,
  effect: "tightens",
  permissions: ["s3:PutEncryptionConfiguration"],
  params: Params,
  plan(resource) {
    const { encryption } = readFields(resource, Fields, NAME);
    // No default encryption configured: S3's own default (SSE-S3) is written out with the key on.
    const algorithm = encryption.algorithm ?? "AES256";
    const desired = { enabled: true, algorithm, kmsKeyId: encryption.kmsKeyId, bucketKeyEnabled: true };
    return changeOf("encryption", encryption, desired, `turn on the S3 Bucket Key (${algorithm}${encryption.kmsKeyId ? ` with key ${encryption.kmsKeyId}` : ""}) on bucket ${resource.id}`);
  },
  async apply(ctx, resource) {
    const { encryption } = readFields(resource, Fields, NAME);
    // The algorithm comes back as S3 reported it, so it is one S3 accepts.
    const SSEAlgorithm = (encryption.algorithm ?? "AES256") as ServerSideEncryption;
    await send(ctx, ctx.clients.s3(resource.region), new PutBucketEncryptionCommand({
      Bucket: resource.id,
      ServerSideEncryptionConfiguration: {
        Rules: [{
          ApplyServerSideEncryptionByDefault: { SSEAlgorithm, ...(encryption.kmsKeyId ? { KMSMasterKeyID: encryption.kmsKeyId } : {}) },
          BucketKeyEnabled: true,
        }],
      },
    }));
  },
};
