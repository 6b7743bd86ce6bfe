// AWS's control vocabulary by polarity: which of a control's words name the state it requires
// (secure: "versioning", "IMDSv2") and which the state it forbids (insecure: "public", "IMDSv1"), so the
// weakening detector tells "disable versioning" (undoes the control) from "disable IMDSv1" (enforces it).
// Phrases are taken from the catalogue's words (a test keeps it so); `also` holds everyday
// words the catalogue leaves to broader phrases ("anyone", "encrypting").
import type { ControlPolarity, ServiceDefinition } from "../../engine/domain.js";

/** Words that name AWS itself: an intent saying them is about this domain. */
export const AWS_WORDS: readonly string[] = ["aws", "amazon"];

/** The services AWS kinds cover, in catalogue order; a service word alone names a kind only when nothing better does. */
export const AWS_SERVICES: readonly ServiceDefinition[] = [
  { title: "S3", words: ["s3"] },
  { title: "EC2", words: ["ec2"] },
  { title: "EBS", words: ["ebs"] },
  { title: "EFS", words: ["efs"] },
  { title: "Auto Scaling", words: ["autoscaling", "auto scaling"] },
];

/**
 * AWS services and subjects agpm does not cover: an intent about them is refused rather than read
 * as a rule on a lookalike kind ("RDS snapshots" are not EBS snapshots).
 */
export const AWS_NOT_COVERED: readonly string[] = [
  "iam", "rds", "aurora cluster", "lambda", "dynamodb", "cloudtrail", "cloud trail", "cloudfront", "cloud front", "guardduty", "guard duty",
  "elasticache", "elasti cache", "eks", "ecs", "ecr", "sqs", "sns", "kinesis", "redshift", "flow log", "flow logs",
  "flow logging", "metric filter", "alarm", "root account", "root user", "secrets manager", "route53", "route 53", "waf",
  "api gateway", "cognito", "glue", "athena", "emr", "sagemaker", "macie", "cloudformation", "cloud formation", "beanstalk", "step functions",
  "access analyzer", "organizations", "scp", "codebuild", "opensearch domain", "elasticsearch domain", "dax", "neptune", "documentdb", "msk",
];

const ENCRYPTION = ["encrypted", "encryption", "encrypt", "encryption at rest", "encrypted at rest"];
const ENCRYPTING = { secure: ["encrypting", "encrypts"] };
const WORLD = ["open to the world", "open to the internet", "from the internet", "from anywhere", "0.0.0.0/0", "::/0", "public ingress", "world open", "world", "internet", "anywhere"];

export const AWS_POLARITY: Readonly<Record<string, ControlPolarity>> = {
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
  "s3.account-block-public-access": { secure: ["block public access", "public access block"], insecure: ["public"] },
  "ec2.imdsv2-required": { secure: ["imdsv2", "imds v2", "metadata v2", "session tokens", "http tokens", "httptokens"], insecure: ["imdsv1"] },
  "ec2.no-public-ip": { secure: [], insecure: ["public ip", "public ips", "public ip address", "public ipv4", "public ipv4 address", "public address", "public addresses", "publicly addressable", "internet routable address"] },
  "ec2.instance-profile": { secure: ["instance profile", "instance profiles", "iam instance profile", "iam role", "iam roles", "instance role", "instance roles"], insecure: [] },
  "ec2.detailed-monitoring": { secure: ["detailed monitoring", "cloudwatch detailed monitoring", "instance monitoring", "one minute metrics", "1-minute metrics", "one-minute metrics"], insecure: [] },
  "ec2.hvm": { secure: ["hvm", "hardware virtual machine"], insecure: ["paravirtual", "paravirtualization", "paravirtualisation", "pv instance", "pv instances"] },
  "ec2.in-autoscaling-group": { secure: ["self healing", "autoscaled", "auto scaled"], insecure: [], also: { secure: ["autoscaling", "auto scaling", "auto-scaling"] } },
  "ec2.max-age": { secure: ["max age", "maximum age", "instance age"], insecure: ["older than", "too old", "stale instances", "long running instances", "long-running instances", "days old"] },
  "ec2.stopped-limit": { secure: [], insecure: ["stopped", "idle instances", "unused instances", "long-stopped", "left stopped", "remain stopped"] },
  "ec2.attached-volumes-encrypted": { secure: ["disk encryption", "encrypted disks", "encrypted volumes", "volume encryption", "encrypted", "encryption", "encrypted at rest"], insecure: [], also: { secure: ["encrypt", "encryption at rest", ...ENCRYPTING.secure], insecure: ["unencrypted"] } },
  "ec2.no-internet-exposed-ports": { secure: [], insecure: ["internet exposed", "internet-exposed", "exposed to the internet", "publicly exposed", "reachable from the internet", "internet facing", "internet-facing", "exposed ports", "exposed"], also: { insecure: ["public", "publicly", "anyone", "everyone", "world", "internet", "anywhere", "0.0.0.0/0"] } },
  "ec2.security-group-no-public-ingress": { secure: [], insecure: WORLD, also: { insecure: ["public", "publicly", "anyone", "everyone", "everybody"] } },
  "ec2.security-group-no-all-ports": { secure: [], insecure: ["all ports", "every port", "any port", "full port range", "all tcp ports", "allow all traffic", "open all traffic", "all inbound traffic", "all protocols", "unrestricted inbound traffic", "unrestricted incoming traffic", "wide open", "allow all inbound", "all traffic"] },
  "ec2.security-group-high-risk-ports": { secure: [], insecure: ["high risk ports", "risky ports", "dangerous ports", "database ports", "risky services", "dangerous services", "unrestricted access"] },
  "ec2.default-security-group-closed": { secure: ["restrict all traffic", "restricts all traffic", "default restrict traffic"], insecure: [] },
  "ec2.security-group-no-wide-cidr": { secure: [], insecure: ["wide cidr", "wide cidrs", "broad cidr", "broad cidrs", "large cidr", "wide ip range", "wide ip ranges", "broad ip range", "broad ip ranges", "large address range", "overly permissive cidr", "public cidr", "public cidrs", "large public ip ranges", "public ip range", "public ip ranges", "public source range"] },
  "ec2.security-group-not-launch-wizard": { secure: [], insecure: ["launch wizard", "launch-wizard", "wizard-created", "wizard created"] },
  "ec2.security-group-rule-limit": { secure: ["rule limit", "rules limit", "maximum rules", "max rules"], insecure: ["too many rules", "many rules"] },
  "ebs.volume-encrypted": { secure: [...ENCRYPTION, "kms"], insecure: ["unencrypted"], also: ENCRYPTING },
  "ebs.snapshot-encrypted": { secure: [...ENCRYPTION, "kms"], insecure: ["unencrypted"], also: ENCRYPTING },
  "ebs.snapshot-not-public": { secure: ["private", "not public"], insecure: ["public", "publicly", "publicly shared", "shared publicly", "publicly restorable", "restorable by anyone", "shared with everyone", "public snapshot"], also: { insecure: ["anyone", "everyone", "everybody"] } },
  "ebs.encryption-by-default": { secure: ["encryption by default", "encrypted by default", "default encryption", ...ENCRYPTION], insecure: ["unencrypted"], also: ENCRYPTING },
  "efs.encrypted": { secure: [...ENCRYPTION, "kms"], insecure: ["unencrypted"], also: ENCRYPTING },
  "efs.backup-enabled": { secure: ["backup", "backups", "backed up", "back up", "aws backup", "backup policy"], insecure: [] },
  "efs.lifecycle-policy": { secure: ["lifecycle", "lifecycle policy", "lifecycle management", "infrequent access", "transition to ia", "ia storage class", "storage tiering"], insecure: [] },
  "efs.multi-az": { secure: ["multi-az", "multi az", "multiple availability zones", "multiple azs", "highly available", "high availability", "zone redundant"], insecure: ["one zone", "one-zone", "single az", "single-az", "single availability zone"] },
  "efs.policy-no-any-client": { secure: ["not public"], insecure: ["any client", "any nfs client", "anonymous clients", "open to any client", "public file system", "publicly accessible", "public"], also: { insecure: ["anyone", "everyone", "anonymous"] } },
  "efs.access-point-root-directory": { secure: ["root directory", "root dir", "root path", "enforce a root directory", "subdirectory", "chroot", "confined directory"], insecure: [] },
  "efs.access-point-posix-user": { secure: ["posix user", "posix identity", "user identity", "enforce a user identity", "posix uid", "run as user"], insecure: [] },
  "autoscaling.multi-az": { secure: ["multi-az", "multi az", "multiple availability zones", "multiple azs", "several availability zones", "across availability zones", "az spread", "zone redundant", "highly available"], insecure: ["single az", "single-az"] },
  "autoscaling.elb-health-check": { secure: ["elb health check", "elb health checks", "load balancer health check", "load balancer health checks", "health check", "health checks", "elb"], insecure: [] },
  "autoscaling.capacity-rebalance": { secure: ["capacity rebalance", "capacity rebalancing", "rebalance", "rebalancing"], insecure: [] },
  "autoscaling.launch-template": { secure: ["launch template", "launch templates"], insecure: ["launch configuration", "launch configurations", "launch config", "launch configs", "legacy launch configuration"] },
  "autoscaling.multiple-instance-types": { secure: ["multiple instance types", "several instance types", "mixed instances", "mixed instances policy", "mixed instance types", "diverse instance types", "diversified instance types"], insecure: [] },
};
