// Manual S3 remediations: settings only the root user can change (MFA delete), that cannot be
// undone (Object Lock), or that decide when data is deleted (lifecycle) — guidance, never a change.
import { z } from "zod";
import { S3BucketModel } from "./model.js";
import type { ManualAction } from "../../kind-tools.js";
import { describeResource, readFields } from "../../actions/common.js";

const NoParams = z.object({}).strict();
type NoParams = z.infer<typeof NoParams>;
const KIND = "aws.s3.bucket";

export const s3EnableMfaDelete: ManualAction<NoParams> = {
  name: "s3.enable-mfa-delete",
  kind: KIND,
  title: "Turn on MFA delete for the bucket (manual: root user with MFA)",
  manual: true,
  effect: "tightens",
  permissions: ["s3:PutBucketVersioning"],
  params: NoParams,
  guidance(r) {
    const { versioning, lifecycle } = readFields(r, S3BucketModel.pick({ versioning: true, lifecycle: true }), "s3.enable-mfa-delete");
    const lifecycleNote = lifecycle.rules > 0
      ? ` S3 does not allow MFA delete on a bucket with a lifecycle configuration, and this bucket has ${lifecycle.rules} lifecycle rule(s): remove or move them first.`
      : "";
    return `manual: only the bucket owner's root user, signing with its MFA device, can turn on MFA delete for bucket ${describeResource(r)} — ` +
      "no IAM user or role can, so agpm cannot. " +
      `Versioning is ${versioning.status} now; the same call enables it. As root of account ${r.account}, run ` +
      `\`aws s3api put-bucket-versioning --bucket ${r.id} --versioning-configuration Status=Enabled,MFADelete=Enabled ` +
      `--mfa "arn:aws:iam::${r.account}:mfa/root-account-mfa-device <6-digit code>"\`, then verify with \`aws s3api get-bucket-versioning --bucket ${r.id}\`. ` +
      "From then on, permanently deleting a version or changing versioning needs the root MFA code." + lifecycleNote;
  },
};

export const s3EnableObjectLock: ManualAction<NoParams> = {
  name: "s3.enable-object-lock",
  kind: KIND,
  title: "Turn on S3 Object Lock for the bucket (manual: irreversible)",
  manual: true,
  effect: "tightens",
  permissions: ["s3:PutBucketVersioning", "s3:PutBucketObjectLockConfiguration"],
  params: NoParams,
  guidance(r) {
    const { versioning } = readFields(r, S3BucketModel.pick({ versioning: true }), "s3.enable-object-lock");
    const first = versioning.status === "Enabled"
      ? "Versioning is already enabled."
      : `Versioning is ${versioning.status}: enable it first with \`aws s3api put-bucket-versioning --bucket ${r.id} --versioning-configuration Status=Enabled\`.`;
    return `manual: Object Lock on bucket ${describeResource(r)} can never be turned off again, and its retention decides for how long nobody can delete data, ` +
      `so the data owner has to choose it. ${first} Then run \`aws s3api put-object-lock-configuration --bucket ${r.id} ` +
      "--object-lock-configuration 'ObjectLockEnabled=Enabled,Rule={DefaultRetention={Mode=GOVERNANCE,Days=<days>}}'`. " +
      "Start with GOVERNANCE mode (users with s3:BypassGovernanceRetention can still remove versions); COMPLIANCE mode binds everyone, root included, until retention ends. " +
      "Objects already in the bucket are not locked retroactively: apply retention to them with S3 Batch Operations if they must be protected too.";
  },
};

export const s3AddLifecycleRules: ManualAction<NoParams> = {
  name: "s3.add-lifecycle-rules",
  kind: KIND,
  title: "Add lifecycle rules to the bucket (manual: the owner decides retention)",
  manual: true,
  effect: "tightens",
  permissions: ["s3:PutLifecycleConfiguration"],
  params: NoParams,
  guidance(r) {
    const { versioning } = readFields(r, S3BucketModel.pick({ versioning: true }), "s3.add-lifecycle-rules");
    const owner = r.tags["owner"] ?? r.tags["Owner"];
    const versions = versioning.status === "Disabled"
      ? ""
      : ' Versioning is on, so add {"NoncurrentVersionExpiration":{"NoncurrentDays":<days>}} too, or old versions accumulate forever.';
    return `manual: bucket ${describeResource(r)} has no lifecycle rules. Lifecycle rules delete or move data, so ${owner ? `its owner (${owner})` : "the data owner"} ` +
      "has to choose the periods. A safe first rule cleans up failed uploads: " +
      `\`aws s3api put-bucket-lifecycle-configuration --bucket ${r.id} --lifecycle-configuration ` +
      "'{\"Rules\":[{\"ID\":\"abort-incomplete-uploads\",\"Status\":\"Enabled\",\"Filter\":{},\"AbortIncompleteMultipartUpload\":{\"DaysAfterInitiation\":7}}]}'`; " +
      "add Transitions (e.g. to STANDARD_IA or GLACIER_IR) and Expiration for data with a known retention." + versions +
      " The call replaces the whole lifecycle configuration, so put every rule in it at once.";
  },
};

export const s3RestrictBucketPolicy: ManualAction<NoParams> = {
  name: "s3.restrict-bucket-policy",
  kind: KIND,
  title: "Remove or condition the bucket policy's grants to other accounts (manual)",
  manual: true,
  effect: "tightens",
  permissions: ["s3:GetBucketPolicy", "s3:PutBucketPolicy"],
  params: NoParams,
  guidance: (r) =>
    `manual: the policy of bucket ${describeResource(r)} allows another AWS account in without a restricting condition. Whether that partner still needs ` +
    `the access is a business decision, so agpm does not remove it. Read the policy (\`aws s3api get-bucket-policy --bucket ${r.id}\`; IAM Access Analyzer ` +
    "lists the external principals too), then for each statement naming another account either delete it or narrow it: the exact role ARN instead of :root, " +
    "only the actions and prefixes it needs, and a condition such as aws:PrincipalOrgID, aws:SourceVpce or aws:SourceIp. Apply it with " +
    `\`aws s3api put-bucket-policy --bucket ${r.id} --policy file://policy.json\` (it replaces the whole document, so keep the statements you want).`,
};

export const s3EnableAccessLoggingManual: ManualAction<NoParams> = {
  name: "s3.enable-access-logging-manual",
  kind: KIND,
  title: "Turn on S3 server access logging (manual: choose a log bucket)",
  manual: true,
  effect: "tightens",
  permissions: ["s3:PutBucketLogging", "s3:PutBucketPolicy"],
  params: NoParams,
  guidance: (r) =>
    `manual: bucket ${describeResource(r)} does not log requests, and no log bucket was named. Choose (or create) a bucket in ${r.region} for logs — ` +
    "S3 only delivers to a target in the same region — that is not itself logged into, and let the logging service write to it with a bucket-policy statement " +
    `allowing logging.s3.amazonaws.com s3:PutObject on its log prefix, conditioned on aws:SourceAccount ${r.account}. Then run ` +
    `\`aws s3api put-bucket-logging --bucket ${r.id} --bucket-logging-status '{"LoggingEnabled":{"TargetBucket":"<log-bucket>","TargetPrefix":"${r.id}/"}}'\`, ` +
    "or name the log bucket in the policy (\"log to <bucket>\") so agpm turns logging on itself.",
};
