// Polar words of the aws.s3.bucket controls: which name the state a control requires (secure) and which the state it forbids (insecure).
import type { ControlPolarity } from "../../../../engine/domain.js";
import { ENCRYPTION, ENCRYPTING } from "../../words.js";

export const POLARITY: Readonly<Record<string, ControlPolarity>> = {
  "s3.bucket-not-public": {
    secure: ["private", "not public", "block public access"],
    insecure: ["public", "publicly", "publicly accessible", "public access", "exposed", "anonymous access", "world readable"],
    also: { insecure: ["anyone", "everyone", "everybody", "anonymous", "world-readable"] },
  },
  "s3.bucket-block-public-access": {
    secure: ["block public access settings", "public access block settings", "public access block configuration", "block public acls", "ignore public acls", "block public policy", "restrict public buckets", "blockpublicacls", "ignorepublicacls", "blockpublicpolicy", "restrictpublicbuckets", "block public access flags", "public access block flags", "bpa flags", "bpa", "all four flags"],
    insecure: [],
    also: { secure: ["public access block", "block public access"] },
  },
  "s3.bucket-acl-no-public-read": { secure: [], insecure: ["public read access", "public read acl", "publicly readable", "public-read", "anonymous read", "anyone can read", "everyone can read", "public read", "public list", "publicly listable", "anyone can list"] },
  "s3.bucket-acl-no-public-write": { secure: [], insecure: ["public write access", "public write acl", "publicly writable", "world writable", "public-read-write", "anonymous write", "anonymous upload", "anyone can upload", "anyone can write", "everyone can write", "let everyone write", "public write", "public upload"] },
  "s3.bucket-policy-not-public": { secure: [], insecure: ["public bucket policy", "wildcard principal", "any principal", "anonymous principal", "principal everyone", "access to everyone", "open to everyone"] },
  "s3.bucket-policy-no-cross-account": { secure: [], insecure: ["cross account", "cross-account", "cross account access", "other accounts", "other aws accounts", "another account", "external accounts", "external account", "third party accounts", "third-party accounts", "foreign accounts", "external principals", "foreign principals"] },
  "s3.bucket-secure-transport": {
    secure: ["secure transport", "ssl", "tls", "require ssl", "ssl only", "tls only", "encryption in transit", "encrypted in transit", "https", "https only", "only https", "encrypted connections", "secure connections"],
    insecure: ["http requests", "plain http", "insecure transport", "insecure connections", "unencrypted connections", "over http"],
  },
  "s3.bucket-acls-disabled": { secure: ["bucket owner enforced", "bucketownerenforced", "owner enforced", "acls disabled", "disabled acls", "access control lists disabled", "acls prohibited"], insecure: [] },
  "s3.bucket-encrypted": { secure: [...ENCRYPTION, "server side encryption", "server-side encryption", "sse", "sse-s3", "default encryption", "encrypted by default"], insecure: ["unencrypted"], also: ENCRYPTING },
  "s3.bucket-kms-encrypted": { secure: ["kms encryption", "kms encrypted", "kms-encrypted", "aws kms", "customer managed key", "customer managed keys", "customer-managed key", "cmk", "sse-kms", "kms", "kms key", "kms keys"], insecure: [] },
  "s3.bucket-key-enabled": { secure: ["bucket key", "s3 bucket key", "bucketkeyenabled", "bucket-level key"], insecure: [] },
  "s3.bucket-versioning": { secure: ["versioning", "versioned", "object versions", "version history"], insecure: [] },
  "s3.bucket-mfa-delete": { secure: ["mfa delete", "mfa-delete", "mfadelete", "multi-factor delete", "multi factor delete", "mfa", "multi-factor authentication", "multi factor authentication", "delete object versions", "deleting object versions"], insecure: [] },
  "s3.bucket-object-lock": { secure: ["object lock", "object-lock", "objectlock", "worm", "retention lock", "legal hold", "immutable storage"], insecure: [] },
  "s3.bucket-access-logging": { secure: ["access logging", "access logs", "server access logging", "server access logs", "s3 access logs", "bucket logging", "request logging", "logging"], insecure: [], also: { secure: ["logs"] } },
  "s3.bucket-lifecycle": { secure: ["lifecycle", "lifecycle rule", "lifecycle rules", "lifecycle policy", "lifecycle configuration"], insecure: [] },
};
