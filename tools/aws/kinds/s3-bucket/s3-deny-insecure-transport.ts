// s3.deny-insecure-transport: adds a Deny of every S3 action over plain HTTP
// (aws:SecureTransport = false) to the bucket policy, keeping every existing statement.
import { sdk } from "../../clients.js";
import { z } from "zod";
import { AgpmError } from "../../../../core/errors.js";
import { S3BucketModel } from "./model.js";
import type { AwsContext } from "../../context.js";
import type { AutomaticAction } from "../../kind-tools.js";
import { isAwsError, send } from "../../send.js";
import { readFields } from "../../actions/common.js";

const { GetBucketPolicyCommand, PutBucketPolicyCommand } = sdk.s3;

const NAME = "s3.deny-insecure-transport";
const Params = z.object({}).strict();
const Fields = S3BucketModel.pick({ policy: true });
const PolicyDocument = z.looseObject({ Statement: z.union([z.looseObject({}), z.array(z.looseObject({}))]).optional() });
type PolicyDocument = z.infer<typeof PolicyDocument>;

/** The ARN partition of a region: aws, aws-cn or aws-us-gov. */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
}

function parseDocument(text: string | undefined, bucket: string): PolicyDocument {
  let value: unknown = null;
  try {
    value = JSON.parse(text ?? "{}");
  } catch {
    // Reported below, like any other document we cannot extend safely.
  }
  const parsed = PolicyDocument.safeParse(value);
  if (!parsed.success) throw new AgpmError("REMEDIATION_FAILED", `${NAME}: the policy of bucket ${bucket} is not a policy document; left unchanged`);
  return parsed.data;
}

async function currentPolicy(ctx: AwsContext, bucket: string, region: string): Promise<PolicyDocument> {
  try {
    const out = await send(ctx, ctx.clients.s3(region), new GetBucketPolicyCommand({ Bucket: bucket }));
    return parseDocument(out.Policy, bucket);
  } catch (e) {
    if (isAwsError(e, "NoSuchBucketPolicy")) return { Version: "2012-10-17", Statement: [] };
    throw e;
  }
}

/** The existing policy with the Deny appended under a Sid it does not use yet. */
export function withSecureTransport(policy: PolicyDocument, bucket: string, region: string): PolicyDocument {
  const statements = policy.Statement === undefined ? [] : Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
  const sids = new Set(statements.map((s) => s["Sid"]));
  let sid = "DenyInsecureTransport";
  for (let n = 2; sids.has(sid); n++) sid = `DenyInsecureTransport${n}`;
  const arn = `arn:${partitionOf(region)}:s3:::${bucket}`;
  const deny = {
    Sid: sid, Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [arn, `${arn}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
  return { Version: "2012-10-17", ...policy, Statement: [...statements, deny] };
}

export const s3DenyInsecureTransport: AutomaticAction<z.infer<typeof Params>> = {
  name: NAME,
  kind: "aws.s3.bucket",
  title: "Deny requests to the bucket that do not use TLS",
  manual: false,
  effect: "tightens",
  permissions: ["s3:GetBucketPolicy", "s3:PutBucketPolicy"],
  params: Params,
  plan(resource) {
    const { policy } = readFields(resource, Fields, NAME);
    if (policy.deniesInsecureTransport) return null;
    return {
      before: { policy: { present: policy.present, deniesInsecureTransport: false } },
      after: { policy: { present: true, deniesInsecureTransport: true } },
      summary: `add a statement denying non-TLS requests (aws:SecureTransport = false) to the policy of bucket ${resource.id}${policy.present ? ", keeping its other statements" : ""}`,
    };
  },
  async apply(ctx, resource) {
    // The model holds no document: read the live one so no statement is lost.
    const policy = await currentPolicy(ctx, resource.id, resource.region);
    await send(ctx, ctx.clients.s3(resource.region), new PutBucketPolicyCommand({
      Bucket: resource.id,
      Policy: JSON.stringify(withSecureTransport(policy, resource.id, resource.region)),
    }));
  },
};
