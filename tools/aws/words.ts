// Polar vocabulary several AWS kind folders share. Each folder's words.ts says, per control, which of its
// words name the state it requires (secure: "versioning", "IMDSv2") and which the state it forbids
// (insecure: "public", "IMDSv1"), so the weakening detector tells "disable versioning" (undoes the control)
// from "disable IMDSv1" (enforces it). Phrases are taken from the catalogue's words (a test keeps it so);
// `also` holds everyday words the catalogue leaves to broader phrases ("anyone", "encrypting").
// It also names the domain (`AWS_WORDS`), the services it covers and those it knows it does not, and the
// words the parser reads as AWS's: regions, resource ids, phrases that only look like kinds, filler words.
import type { ServiceDefinition } from "../../engine/domain.js";

export const ENCRYPTION = ["encrypted", "encryption", "encrypt", "encryption at rest", "encrypted at rest"];
export const ENCRYPTING = { secure: ["encrypting", "encrypts"] };
export const WORLD = ["open to the world", "open to the internet", "from the internet", "from anywhere", "0.0.0.0/0", "::/0", "public ingress", "world open", "world", "internet", "anywhere"];

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

/** How people write a region ("us-east-1", "us-gov-west-1"): a partition, never a name or tag value. */
export const AWS_REGION_PATTERN = /^(us|eu|ap|sa|ca|me|af|il|mx)(-gov)?-(north|south|east|west|central|northeast|southeast|northwest|southwest)-\d$/;

/** AWS resource ids people name: instances, groups, volumes, snapshots, file systems, access points. */
export const AWS_ID_PATTERN = /^(i|sg|vol|snap|fs|fsap|ami|subnet|vpc)-[0-9a-f]{8,17}$/;

/** Phrases holding a kind word that do not name the kind: "server-side encryption" names no server. */
export const AWS_NOT_KIND_PHRASES: readonly string[] = ["server side", "client side", "host name", "hostname", "object versions", "object version", "object lock", "object ownership", "object storage class"];

/** AWS words that carry no policy meaning on their own ("in every region", "general purpose volumes"). */
export const AWS_FILLER_WORDS: readonly string[] = ["aws", "amazon", "account", "accounts", "region", "regions", "general", "purpose"];
