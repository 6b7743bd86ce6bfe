// S3 bucket access controls: not public, Block Public Access, ACLs, bucket policy and secure transport.
import type { AwsControl } from "../../controls/aws-control.js";
import type { S3BucketModel } from "./model.js";
import type { Condition } from "../../../../contracts/policy.js";
import type { ModelResource } from "../../../../engine/control.js";
import { BPA_FLAGS, type BpaFlag } from "../../params.js";

type Bucket = ModelResource<typeof S3BucketModel>;

/** Every Block Public Access flag on (the account-level control requires the same). */
export const ALL_ON = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };

const ALL_OFF = { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false };

/** Params for `s3.block-public-access` that turn on exactly these flags ("false" leaves a flag as it is). */
function blockOnly(flags: readonly BpaFlag[]): Record<BpaFlag, boolean> {
  return Object.fromEntries(BPA_FLAGS.map((f) => [f, flags.includes(f)])) as Record<BpaFlag, boolean>;
}

/** ACL grants to AllUsers/AuthenticatedUsers do not count once AWS ignores them or ACLs are disabled. */
function aclGrantsNeutralised(permissions: readonly string[]): Condition {
  return {
    any: [
      { path: "effectivePublicAccessBlock.ignorePublicAcls", op: "eq", value: true },
      { path: "objectOwnership", op: "eq", value: "BucketOwnerEnforced" },
      { path: "acl.publicPermissions", none: { path: "@", op: "in", value: [...permissions] } },
    ],
  };
}

export const s3BucketNotPublic: AwsControl<Bucket> = {
  id: "s3.bucket-not-public",
  kind: "aws.s3.bucket",
  title: "S3 buckets are not publicly accessible",
  description:
    "A bucket is public when an ACL grant to AllUsers/AuthenticatedUsers or a bucket policy allowing any principal is not neutralised by Block Public Access at bucket or account level.",
  severity: "critical",
  benchmarks: ["CIS-AWS-3.0-2.1.4", "FSBP-S3.2", "FSBP-S3.3", "FSBP-S3.8"],
  words: ["private", "not public", "public", "publicly", "publicly accessible", "public access", "block public access", "public read", "public write", "exposed", "anonymous access", "world readable"],
  build: () => ({
    title: "S3 bucket is not publicly accessible",
    require: { path: "isPublic", op: "eq", value: false },
    remediation: { action: "s3.block-public-access", params: {} },
  }),
  examples: {
    compliant: { isPublic: false },
    noncompliant: { isPublic: true, public: { viaAcl: true, viaPolicy: false }, acl: { publicPermissions: ["READ"], grants: 2 } },
  },
};

export const s3BucketBlockPublicAccess: AwsControl<Bucket> = {
  id: "s3.bucket-block-public-access",
  kind: "aws.s3.bucket",
  title: "S3 buckets have Block Public Access turned on at bucket level",
  description: "The bucket's own Block Public Access settings have all four flags on (or the flags the intent names), whatever the account-level setting.",
  severity: "high",
  benchmarks: ["CIS-AWS-3.0-2.1.4", "FSBP-S3.8"],
  words: [
    "bucket level block public access", "bucket-level block public access", "bucket level public access block",
    "bucket-level public access block", "block public access settings", "public access block settings",
    "public access block configuration", "all four block public access", "block public acls", "ignore public acls",
    "block public policy", "restrict public buckets", "blockpublicacls", "ignorepublicacls", "blockpublicpolicy",
    "restrictpublicbuckets", "s3-bucket-level-public-access-prohibited", "block public access bucket settings",
    "block public access flags", "public access block flags", "bpa flags", "bpa", "four flags", "all four flags",
    "all four settings",
  ],
  takes: ["bpaFlags"],
  build: ({ bpaFlags }) => {
    const flags = bpaFlags && bpaFlags.length > 0 ? BPA_FLAGS.filter((f) => bpaFlags.includes(f)) : [...BPA_FLAGS];
    const all = flags.length === BPA_FLAGS.length;
    return {
      title: all ? "S3 bucket has all four Block Public Access flags on" : `S3 bucket has Block Public Access ${flags.join(", ")} on`,
      require: { all: flags.map((f): Condition => ({ path: `publicAccessBlock.${f}`, op: "eq", value: true })) },
      remediation: { action: "s3.block-public-access", params: blockOnly(flags) },
    };
  },
  examples: ({ bpaFlags }) => {
    const flags = bpaFlags && bpaFlags.length > 0 ? bpaFlags : BPA_FLAGS;
    const [first = "blockPublicAcls"] = flags;
    return {
      // Only the flags asked for matter.
      compliant: { publicAccessBlock: blockOnly(flags) },
      // The account blocks everything, but the bucket itself lacks one flag: this control still fails.
      noncompliant: { publicAccessBlock: { ...ALL_ON, [first]: false }, accountPublicAccessBlock: ALL_ON, effectivePublicAccessBlock: ALL_ON },
    };
  },
};

export const s3BucketAclNoPublicRead: AwsControl<Bucket> = {
  id: "s3.bucket-acl-no-public-read",
  kind: "aws.s3.bucket",
  title: "S3 bucket ACLs do not grant public read access",
  description: "No READ or FULL_CONTROL grant to AllUsers/AuthenticatedUsers, unless IgnorePublicAcls is in effect or ACLs are disabled (BucketOwnerEnforced).",
  severity: "critical",
  benchmarks: ["FSBP-S3.2"],
  words: [
    "public read access", "public read acl", "publicly readable", "public-read", "read acl", "public acl", "allusers",
    "all users group", "authenticated users", "anonymous read", "anyone can read", "s3-bucket-public-read-prohibited",
    "acl", "acls", "bucket acl", "bucket acls", "access control list", "access control lists", "acl grant",
    "acl grants", "public read", "read access", "grant read", "read permission", "all users", "anonymous users",
    "everyone can read", "anyone can list", "public list", "publicly listable", "list objects", "reading objects",
    "read objects", "world readable",
  ],
  build: () => ({
    title: "S3 bucket ACL grants no public read access",
    require: aclGrantsNeutralised(["READ", "FULL_CONTROL"]),
    remediation: { action: "s3.block-public-access", params: blockOnly(["blockPublicAcls", "ignorePublicAcls"]) },
  }),
  examples: {
    compliant: { acl: { publicPermissions: ["READ_ACP"], grants: 2 }, effectivePublicAccessBlock: ALL_OFF, objectOwnership: "BucketOwnerPreferred" },
    noncompliant: { acl: { publicPermissions: ["READ"], grants: 2 }, effectivePublicAccessBlock: ALL_OFF, objectOwnership: "BucketOwnerPreferred" },
  },
};

export const s3BucketAclNoPublicWrite: AwsControl<Bucket> = {
  id: "s3.bucket-acl-no-public-write",
  kind: "aws.s3.bucket",
  title: "S3 bucket ACLs do not grant public write access",
  description: "No WRITE, WRITE_ACP or FULL_CONTROL grant to AllUsers/AuthenticatedUsers, unless IgnorePublicAcls is in effect or ACLs are disabled (BucketOwnerEnforced).",
  severity: "critical",
  benchmarks: ["FSBP-S3.3"],
  words: [
    "public write access", "public write acl", "publicly writable", "world writable", "public-read-write", "write acl",
    "write_acp", "anonymous write", "anonymous upload", "anyone can upload", "anyone can write",
    "s3-bucket-public-write-prohibited", "acl", "acls", "bucket acl", "bucket acls", "access control list",
    "access control lists", "acl grant", "acl grants", "public write", "write access", "grant write",
    "write permission", "everyone can write", "let everyone write", "anonymous users", "public upload",
    "upload objects",
  ],
  build: () => ({
    title: "S3 bucket ACL grants no public write access",
    require: aclGrantsNeutralised(["WRITE", "WRITE_ACP", "FULL_CONTROL"]),
    remediation: { action: "s3.block-public-access", params: blockOnly(["blockPublicAcls", "ignorePublicAcls"]) },
  }),
  examples: {
    compliant: { acl: { publicPermissions: ["READ"], grants: 2 }, effectivePublicAccessBlock: ALL_OFF, objectOwnership: "ObjectWriter" },
    noncompliant: { acl: { publicPermissions: ["WRITE_ACP"], grants: 2 }, effectivePublicAccessBlock: ALL_OFF, objectOwnership: "ObjectWriter" },
  },
};

export const s3BucketPolicyNotPublic: AwsControl<Bucket> = {
  id: "s3.bucket-policy-not-public",
  kind: "aws.s3.bucket",
  title: "S3 bucket policies do not allow public access",
  description: "The bucket policy has no unconditioned Allow to any principal, unless RestrictPublicBuckets is in effect (bucket or account level).",
  severity: "critical",
  benchmarks: ["FSBP-S3.2", "FSBP-S3.3"],
  words: [
    "public bucket policy", "bucket policy public", "bucket policy is public", "bucket policy allows public access",
    "policy allows public access", "wildcard principal", "any principal", "anonymous principal", "principal everyone",
    "s3-bucket-policy-not-public", "bucket policy", "bucket policies", "principal", "principals",
    "without a condition", "access to everyone", "open to everyone", "s3_bucket_policy_public_write_access",
    "bucket policy \u2026 public access", "bucket policies \u2026 public access", "policy \u2026 public",
    "policies \u2026 public", "policy \u2026 anonymous", "policies \u2026 anonymous", "policy \u2026 everyone",
    "policies \u2026 everyone",
  ],
  build: () => ({
    title: "S3 bucket policy does not allow public access",
    require: {
      any: [
        { path: "effectivePublicAccessBlock.restrictPublicBuckets", op: "eq", value: true },
        { path: "policy.allowsPublic", op: "eq", value: false },
      ],
    },
    remediation: { action: "s3.block-public-access", params: blockOnly(["blockPublicPolicy", "restrictPublicBuckets"]) },
  }),
  examples: {
    compliant: { policy: { present: true, allowsPublic: true }, effectivePublicAccessBlock: { ...ALL_OFF, restrictPublicBuckets: true } },
    noncompliant: { policy: { present: true, allowsPublic: true }, effectivePublicAccessBlock: ALL_OFF, public: { viaAcl: false, viaPolicy: true }, isPublic: true },
  },
};

export const s3BucketPolicyNoCrossAccount: AwsControl<Bucket> = {
  id: "s3.bucket-policy-no-cross-account",
  kind: "aws.s3.bucket",
  title: "S3 bucket policies do not grant access to other AWS accounts",
  description: "No bucket policy statement allows a principal of another AWS account without a restricting condition; review and narrow such statements (manual).",
  severity: "high",
  benchmarks: ["FSBP-S3.6"],
  words: [
    "cross account", "cross-account", "cross account access", "other accounts", "other aws accounts",
    "another account", "external accounts", "external account", "third party accounts", "third-party accounts",
    "foreign accounts", "outside the account", "outside our account", "bucket policy", "bucket policies",
    "another aws account", "other aws account", "outside our aws account", "outside the aws account",
    "external principals", "foreign principals",
  ],
  build: () => ({
    title: "S3 bucket policy grants no access to other AWS accounts",
    require: { path: "policy.crossAccount", op: "eq", value: false },
    remediation: { action: "s3.restrict-bucket-policy", params: {} },
  }),
  examples: {
    compliant: { policy: { present: true, crossAccount: false } },
    noncompliant: { policy: { present: true, crossAccount: true } },
  },
};

export const s3BucketSecureTransport: AwsControl<Bucket> = {
  id: "s3.bucket-secure-transport",
  kind: "aws.s3.bucket",
  title: "S3 buckets require TLS (deny HTTP requests)",
  description: "The bucket policy denies requests made without TLS (a Deny on aws:SecureTransport = false).",
  severity: "medium",
  benchmarks: ["CIS-AWS-3.0-2.1.1", "FSBP-S3.5"],
  words: [
    "secure transport", "securetransport", "aws:securetransport", "ssl", "tls", "require ssl", "ssl only", "tls only",
    "deny http", "http requests", "plain http", "insecure transport", "encryption in transit", "encrypted in transit",
    "in transit", "in-transit", "s3-bucket-ssl-requests-only", "https", "https only", "only https",
    "encrypted connections", "encrypted connection", "secure connections", "insecure connections",
    "unencrypted connections", "over http", "bucket policy", "bucket policies",
  ],
  build: () => ({
    title: "S3 bucket policy denies requests without TLS",
    require: { path: "policy.deniesInsecureTransport", op: "eq", value: true },
    remediation: { action: "s3.deny-insecure-transport", params: {} },
  }),
  examples: {
    compliant: { policy: { present: true, deniesInsecureTransport: true } },
    noncompliant: { policy: { present: true, deniesInsecureTransport: false } },
  },
};

export const s3BucketAclsDisabled: AwsControl<Bucket> = {
  id: "s3.bucket-acls-disabled",
  kind: "aws.s3.bucket",
  title: "S3 buckets have ACLs disabled (bucket owner enforced)",
  description: "Object Ownership is BucketOwnerEnforced, so ACLs no longer grant access and the bucket policy alone decides it.",
  severity: "medium",
  benchmarks: ["FSBP-S3.12"],
  words: [
    "acls disabled", "disable acls", "disabled acls", "no acls", "without acls", "acls should not be used",
    "bucket owner enforced", "bucketownerenforced", "object ownership", "ownership controls",
    "access control lists disabled", "disable access control lists", "acl", "acls", "bucket acl", "bucket acls",
    "access control list", "access control lists", "acls \u2026 disabled", "acl \u2026 disabled",
    "acls \u2026 turned off", "acl prohibited", "acls prohibited", "manage user access", "owner enforced",
  ],
  build: () => ({
    title: "S3 bucket has ACLs disabled (Object Ownership BucketOwnerEnforced)",
    require: { path: "objectOwnership", op: "eq", value: "BucketOwnerEnforced" },
    remediation: { action: "s3.disable-acls", params: {} },
  }),
  examples: {
    compliant: { objectOwnership: "BucketOwnerEnforced" },
    noncompliant: { objectOwnership: "ObjectWriter" },
  },
};
