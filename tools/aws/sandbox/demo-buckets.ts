// The demo account's S3 buckets: two public (ACL, policy), two that look public but are not
// (blocked ACL, IP-restricted policy), some unencrypted, some SSE-KMS, some versioned, one shared
// with another account.
import { acl, ALL_USERS, denyInsecureTransport, FULL_BLOCK, sse, tags } from "./build.js";
import { canonicalId } from "./handlers/s3-buckets.js";
import type { BucketInput } from "./schema.js";

const ENFORCED = { Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] };
const OBJECT_WRITER = { Rules: [{ ObjectOwnership: "ObjectWriter" }] };

function policy(...statements: Array<Record<string, unknown>>): Record<string, unknown> {
  return { Version: "2012-10-17", Statement: statements };
}

export function demoBuckets(account: string): BucketInput[] {
  const owner = canonicalId(account);
  const kms = (region: string, key: string) => `arn:aws:kms:${region}:${account}:key/${key}`;
  const expire = (days: number) => ({ Rules: [{ ID: `expire-after-${days}-days`, Status: "Enabled", Filter: { Prefix: "" }, Expiration: { Days: days } }] });
  const lock = { ObjectLockEnabled: "Enabled", Rule: { DefaultRetention: { Mode: "GOVERNANCE", Days: 365 } } };
  return [
    {
      Name: "app-logs", CreationDate: "2023-03-01T10:00:00.000Z", Region: "us-east-1", PublicAccessBlock: FULL_BLOCK, Encryption: sse(),
      Versioning: { Status: "Enabled", MFADelete: "Disabled" }, Policy: null, Acl: acl(owner, false), OwnershipControls: ENFORCED,
      Logging: { TargetBucket: "audit-logs", TargetPrefix: "s3/app-logs/" }, Lifecycle: expire(90), ObjectLock: null, Tags: tags({ owner: "platform", env: "prod" }),
    },
    {
      Name: "payments-data", CreationDate: "2023-05-14T09:30:00.000Z", Region: "eu-west-1", PublicAccessBlock: FULL_BLOCK,
      Encryption: sse(kms("eu-west-1", "6f1c2a9e-3b4d-4e5f-8a7b-0c1d2e3f4a5b")), Versioning: { Status: "Enabled", MFADelete: "Disabled" },
      Policy: policy(denyInsecureTransport("payments-data")), Acl: acl(owner, false), OwnershipControls: ENFORCED,
      Logging: { TargetBucket: "audit-logs", TargetPrefix: "s3/payments-data/" }, Lifecycle: null, ObjectLock: lock, Tags: tags({ owner: "payments", "data-class": "pci" }),
    },
    {
      Name: "www-assets", CreationDate: "2021-11-20T16:45:00.000Z", Region: "us-east-1", PublicAccessBlock: null, Encryption: null,
      Versioning: {}, Policy: null, Acl: acl(owner, true), OwnershipControls: OBJECT_WRITER, Logging: null, Lifecycle: null, ObjectLock: null,
      Tags: tags({ owner: "web" }),
    },
    {
      Name: "marketing-site", CreationDate: "2022-04-02T12:00:00.000Z", Region: "eu-west-1", PublicAccessBlock: null, Encryption: sse(),
      Versioning: {}, Acl: acl(owner, false), OwnershipControls: ENFORCED, Logging: null, Lifecycle: null, ObjectLock: null,
      Policy: JSON.stringify(policy({ Sid: "PublicRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::marketing-site/*" })),
      Tags: tags({ owner: "marketing" }),
    },
    {
      // Public ACL grant, but the bucket's own Block Public Access ignores it: not public.
      Name: "legacy-uploads", CreationDate: "2019-08-07T08:00:00.000Z", Region: "us-east-1", PublicAccessBlock: FULL_BLOCK, Encryption: null,
      Versioning: { Status: "Suspended", MFADelete: "Disabled" }, Policy: null,
      Acl: { Owner: { ID: owner }, Grants: [{ Grantee: { ID: owner, Type: "CanonicalUser" }, Permission: "FULL_CONTROL" }, { Grantee: { Type: "Group", URI: ALL_USERS }, Permission: "READ" }] },
      OwnershipControls: OBJECT_WRITER, Logging: null, Lifecycle: null, ObjectLock: null, Tags: [],
    },
    {
      // Principal "*", but pinned to a partner's network by aws:SourceIp: not public.
      Name: "partner-exchange", CreationDate: "2023-09-12T14:20:00.000Z", Region: "eu-west-1",
      PublicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: false },
      Encryption: sse(kms("eu-west-1", "0b8e7d6c-5a4f-4e3d-9c2b-1a0f9e8d7c6b")), Versioning: { Status: "Enabled", MFADelete: "Disabled" },
      Policy: policy({
        Sid: "PartnerNetworkOnly", Effect: "Allow", Principal: { AWS: "*" }, Action: ["s3:GetObject", "s3:PutObject"],
        Resource: "arn:aws:s3:::partner-exchange/*", Condition: { IpAddress: { "aws:SourceIp": ["203.0.113.0/24"] } },
      }),
      Acl: acl(owner, false), OwnershipControls: ENFORCED, Logging: null, Lifecycle: expire(30), ObjectLock: null, Tags: tags({ owner: "partnerships" }),
    },
    {
      Name: "data-lake-raw", CreationDate: "2022-10-30T07:15:00.000Z", Region: "us-east-1", PublicAccessBlock: FULL_BLOCK, Encryption: null,
      Versioning: {}, Policy: null, Acl: acl(owner, false), OwnershipControls: ENFORCED, Logging: null, Lifecycle: null, ObjectLock: null,
      Tags: tags({ owner: "analytics" }),
    },
    {
      Name: "ci-artifacts", CreationDate: "2024-01-22T11:05:00.000Z", Region: "eu-west-1", PublicAccessBlock: FULL_BLOCK, Encryption: sse(),
      Versioning: {}, Policy: null, Acl: acl(owner, false), OwnershipControls: ENFORCED, Logging: null, Lifecycle: expire(14), ObjectLock: null,
      Tags: tags({ owner: "platform" }),
    },
    {
      Name: "audit-logs", CreationDate: "2023-02-28T18:00:00.000Z", Region: "us-east-1", PublicAccessBlock: FULL_BLOCK,
      Encryption: sse(kms("us-east-1", "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d")), Versioning: { Status: "Enabled", MFADelete: "Disabled" },
      Policy: policy(denyInsecureTransport("audit-logs"), {
        Sid: "S3ServerAccessLogs", Effect: "Allow", Principal: { Service: "logging.s3.amazonaws.com" }, Action: "s3:PutObject",
        Resource: "arn:aws:s3:::audit-logs/s3/*", Condition: { StringEquals: { "aws:SourceAccount": account } },
      }),
      Acl: acl(owner, false), OwnershipControls: ENFORCED, Logging: null, Lifecycle: expire(400), ObjectLock: lock, Tags: tags({ owner: "security" }),
    },
    {
      // Private and encrypted, but readable by a partner account with no condition attached.
      Name: "shared-reports", CreationDate: "2024-04-18T13:10:00.000Z", Region: "us-east-1", PublicAccessBlock: FULL_BLOCK,
      Encryption: sse(kms("us-east-1", "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d")), Versioning: { Status: "Enabled", MFADelete: "Disabled" },
      Policy: policy({
        Sid: "PartnerRead", Effect: "Allow", Principal: { AWS: "arn:aws:iam::210987654321:root" }, Action: ["s3:GetObject", "s3:ListBucket"],
        Resource: ["arn:aws:s3:::shared-reports", "arn:aws:s3:::shared-reports/*"],
      }),
      Acl: acl(owner, false), OwnershipControls: ENFORCED, Logging: { TargetBucket: "audit-logs", TargetPrefix: "s3/shared-reports/" },
      Lifecycle: expire(180), ObjectLock: null, Tags: tags({ owner: "finance" }),
    },
  ];
}
