// The benchmark ids the catalogue may name, each with its benchmark, version and published title.
// Controls may only name ids from this table (the type says so), so a number cannot drift to
// another benchmark version's meaning without someone reading its title here.

import type { BenchmarkEntry } from "../../../engine/domain.js";

export type { BenchmarkEntry };

const CIS_3_0 = { benchmark: "CIS Amazon Web Services Foundations Benchmark", version: "3.0.0" } as const;
const FSBP = { benchmark: "AWS Foundational Security Best Practices", version: "unversioned" } as const;

export const BENCHMARKS = {
  "CIS-AWS-3.0-1.18": { ...CIS_3_0, title: "Ensure IAM instance roles are used for AWS resource access from instances" },
  "CIS-AWS-3.0-2.1.1": { ...CIS_3_0, title: "Ensure S3 Bucket Policy is set to deny HTTP requests" },
  "CIS-AWS-3.0-2.1.2": { ...CIS_3_0, title: "Ensure MFA Delete is enabled on S3 buckets" },
  "CIS-AWS-3.0-2.1.4": { ...CIS_3_0, title: "Ensure that S3 Buckets are configured with 'Block public access (bucket settings)'" },
  "CIS-AWS-3.0-2.2.1": { ...CIS_3_0, title: "Ensure EBS Volume Encryption is Enabled in all Regions" },
  "CIS-AWS-3.0-2.4.1": { ...CIS_3_0, title: "Ensure that encryption is enabled for EFS file systems" },
  "CIS-AWS-3.0-5.2": { ...CIS_3_0, title: "Ensure no security groups allow ingress from 0.0.0.0/0 to remote server administration ports" },
  "CIS-AWS-3.0-5.3": { ...CIS_3_0, title: "Ensure no security groups allow ingress from ::/0 to remote server administration ports" },
  "CIS-AWS-3.0-5.4": { ...CIS_3_0, title: "Ensure the default security group of every VPC restricts all traffic" },
  "CIS-AWS-3.0-5.6": { ...CIS_3_0, title: "Ensure that EC2 Metadata Service only allows IMDSv2" },
  "FSBP-S3.1": { ...FSBP, title: "S3 general purpose buckets should have block public access settings enabled" },
  "FSBP-S3.2": { ...FSBP, title: "S3 general purpose buckets should block public read access" },
  "FSBP-S3.3": { ...FSBP, title: "S3 general purpose buckets should block public write access" },
  "FSBP-S3.4": { ...FSBP, title: "S3 buckets should have server-side encryption enabled" },
  "FSBP-S3.5": { ...FSBP, title: "S3 general purpose buckets should require requests to use SSL" },
  "FSBP-S3.6": { ...FSBP, title: "S3 general purpose bucket policies should restrict access to other AWS accounts" },
  "FSBP-S3.8": { ...FSBP, title: "S3 general purpose buckets should block public access" },
  "FSBP-S3.9": { ...FSBP, title: "S3 general purpose buckets should have server access logging enabled" },
  "FSBP-S3.12": { ...FSBP, title: "ACLs should not be used to manage user access to S3 general purpose buckets" },
  "FSBP-S3.13": { ...FSBP, title: "S3 general purpose buckets should have Lifecycle configurations" },
  "FSBP-S3.14": { ...FSBP, title: "S3 general purpose buckets should have versioning enabled" },
  "FSBP-S3.15": { ...FSBP, title: "S3 general purpose buckets should have Object Lock enabled" },
  "FSBP-S3.17": { ...FSBP, title: "S3 general purpose buckets should be encrypted at rest with AWS KMS keys" },
  "FSBP-S3.20": { ...FSBP, title: "S3 general purpose buckets should have MFA delete enabled" },
  "FSBP-EC2.1": { ...FSBP, title: "Amazon EBS snapshots should not be publicly restorable" },
  "FSBP-EC2.2": { ...FSBP, title: "VPC default security groups should not allow inbound or outbound traffic" },
  "FSBP-EC2.3": { ...FSBP, title: "Attached Amazon EBS volumes should be encrypted at-rest" },
  "FSBP-EC2.4": { ...FSBP, title: "Stopped EC2 instances should be removed after a specified time period" },
  "FSBP-EC2.7": { ...FSBP, title: "EBS default encryption should be enabled" },
  "FSBP-EC2.8": { ...FSBP, title: "EC2 instances should use Instance Metadata Service Version 2 (IMDSv2)" },
  "FSBP-EC2.9": { ...FSBP, title: "Amazon EC2 instances should not have a public IPv4 address" },
  "FSBP-EC2.13": { ...FSBP, title: "Security groups should not allow ingress from 0.0.0.0/0 or ::/0 to port 22" },
  "FSBP-EC2.14": { ...FSBP, title: "Security groups should not allow ingress from 0.0.0.0/0 or ::/0 to port 3389" },
  "FSBP-EC2.18": { ...FSBP, title: "Security groups should only allow unrestricted incoming traffic for authorized ports" },
  "FSBP-EC2.19": { ...FSBP, title: "Security groups should not allow unrestricted access to ports with high risk" },
  "FSBP-EC2.24": { ...FSBP, title: "Amazon EC2 paravirtual instance types should not be used" },
  "FSBP-EFS.1": { ...FSBP, title: "Elastic File System should be configured to encrypt file data at-rest using AWS KMS" },
  "FSBP-EFS.2": { ...FSBP, title: "Amazon EFS volumes should be in backup plans" },
  "FSBP-EFS.3": { ...FSBP, title: "EFS access points should enforce a root directory" },
  "FSBP-EFS.4": { ...FSBP, title: "EFS access points should enforce a user identity" },
  "FSBP-AutoScaling.1": { ...FSBP, title: "Auto Scaling groups associated with a load balancer should use ELB health checks" },
  "FSBP-AutoScaling.2": { ...FSBP, title: "Amazon EC2 Auto Scaling group should cover multiple Availability Zones" },
  "FSBP-AutoScaling.6": { ...FSBP, title: "Auto Scaling groups should use multiple instance types in multiple Availability Zones" },
  "FSBP-AutoScaling.9": { ...FSBP, title: "Amazon EC2 Auto Scaling groups should use Amazon EC2 launch templates" },
} as const satisfies Record<string, BenchmarkEntry>;

export type BenchmarkId = keyof typeof BENCHMARKS;

/** The table's entry for an id, or undefined for ids it does not hold (hand-written rules may name any). */
export function findBenchmark(id: string): BenchmarkEntry | undefined {
  return Object.hasOwn(BENCHMARKS, id) ? BENCHMARKS[id as BenchmarkId] : undefined;
}

export { upgradeLegacyIds } from "../../../contracts/legacy-ids.js";
