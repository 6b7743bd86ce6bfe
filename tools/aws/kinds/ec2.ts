// EC2 kinds: instances, security groups, EBS volumes and snapshots, EBS encryption by default.
import { z } from "zod";
import type { KindDefinition } from "../../../engine/kind.js";

/** One ingress or egress grant, flattened to a single source so rules can quantify over it. */
export const SecurityGroupRuleModel = z.object({
  /** "tcp", "udp", "icmp", "icmpv6" or "-1" (all). */
  protocol: z.string(),
  /** Inclusive port range; all-traffic rules are 0..65535. */
  fromPort: z.number().int(),
  toPort: z.number().int(),
  /** A CIDR (IPv4 or IPv6), a security-group id, or a prefix-list id. */
  source: z.string(),
  sourceType: z.enum(["cidr", "security-group", "prefix-list"]),
  /** The source is 0.0.0.0/0 or ::/0. */
  world: z.boolean(),
  /** The CIDR's prefix length (0 for 0.0.0.0/0); null for group and prefix-list sources. */
  prefixLength: z.number().int().nullable(),
  /**
   * A CIDR source outside the private and reserved ranges (10/8, 172.16/12, 192.168/16,
   * 100.64/10, 127/8, 169.254/16, fc00::/7, fe80::/10): reachable from the internet.
   */
  publicCidr: z.boolean(),
  /** The security group the rule belongs to (on instance ingress: which of its groups). */
  groupId: z.string().nullable(),
});
export type SecurityGroupRuleModel = z.infer<typeof SecurityGroupRuleModel>;

export const Ec2InstanceModel = z.object({
  instanceType: z.string().nullable(),
  /** pending | running | stopping | stopped | shutting-down | terminated */
  state: z.string(),
  launchTime: z.string().nullable(),
  imageId: z.string().nullable(),
  vpcId: z.string().nullable(),
  subnetId: z.string().nullable(),
  availabilityZone: z.string().nullable(),
  metadataOptions: z.object({
    /** "required" means IMDSv2 only; "optional" allows IMDSv1. */
    httpTokens: z.string(),
    /** "enabled" or "disabled". */
    httpEndpoint: z.string(),
    httpPutResponseHopLimit: z.number().int().nullable(),
  }),
  publicIp: z.string().nullable(),
  iamInstanceProfile: z.string().nullable(),
  /** "enabled" when detailed monitoring is on. */
  monitoring: z.string(),
  virtualizationType: z.string().nullable(),
  securityGroupIds: z.array(z.string()),
  volumeIds: z.array(z.string()),
  /** The Auto Scaling group that lists this instance, or null. */
  autoScalingGroup: z.string().nullable(),
  /** Every ingress rule of the instance's security groups, flattened, each with its groupId. */
  ingress: z.array(SecurityGroupRuleModel),
  /** The attached EBS volumes and whether each is encrypted (from DescribeVolumes). */
  volumes: z.array(z.object({ volumeId: z.string(), encrypted: z.boolean() })),
  /** Whole days since LaunchTime, at collection time; null when unknown. */
  ageDays: z.number().int().nullable(),
  /** Whole days since the instance stopped (from StateTransitionReason); null when running or unknown. */
  stoppedDays: z.number().int().nullable(),
});

export const ec2Instance: KindDefinition = {
  name: "aws.ec2.instance",
  noun: "EC2 instance",
  plural: "EC2 instances",
  service: "ec2",
  idField: "instance id",
  words: ["ec2", "instance", "instances", "ec2 instance", "virtual machine", "vm", "vms", "server", "servers", "compute", "host", "hosts"],
  model: Ec2InstanceModel,
};

export const SecurityGroupModel = z.object({
  groupName: z.string(),
  description: z.string().nullable(),
  vpcId: z.string().nullable(),
  isDefault: z.boolean(),
  ingress: z.array(SecurityGroupRuleModel),
  egress: z.array(SecurityGroupRuleModel),
  /** Ingress plus egress entries as AWS counts them against the quota: one per source. */
  ruleCount: z.number().int(),
  /** Made by the EC2 console's launch wizard (name starts with "launch-wizard"). */
  launchWizard: z.boolean(),
});

export const ec2SecurityGroup: KindDefinition = {
  name: "aws.ec2.security-group",
  noun: "security group",
  plural: "security groups",
  service: "ec2",
  idField: "security-group id",
  words: [
    "security group", "security groups", "sg", "sgs", "firewall", "firewall rule", "firewall rules", "ingress rule",
    "ingress rules", "inbound rule", "securitygroup", "securitygroups",
  ],
  model: SecurityGroupModel,
};

export const EbsVolumeModel = z.object({
  encrypted: z.boolean(),
  kmsKeyId: z.string().nullable(),
  sizeGiB: z.number().nullable(),
  volumeType: z.string().nullable(),
  state: z.string(),
  availabilityZone: z.string().nullable(),
  snapshotId: z.string().nullable(),
  attachedInstanceIds: z.array(z.string()),
});

export const ebsVolume: KindDefinition = {
  name: "aws.ebs.volume",
  noun: "EBS volume",
  plural: "EBS volumes",
  service: "ec2",
  idField: "volume id",
  words: ["ebs", "ebs volume", "volume", "volumes", "block storage", "disk", "disks", "elastic block store"],
  model: EbsVolumeModel,
};

export const EbsSnapshotModel = z.object({
  encrypted: z.boolean(),
  kmsKeyId: z.string().nullable(),
  volumeId: z.string().nullable(),
  sizeGiB: z.number().nullable(),
  /** pending | completed | error | recoverable | recovering */
  state: z.string(),
  startTime: z.string().nullable(),
  /** Whole days since StartTime, at collection time; null when unknown. */
  ageDays: z.number().int().nullable(),
  /** Anyone may create a volume from it (createVolumePermission has Group "all"). */
  public: z.boolean(),
});

export const ebsSnapshot: KindDefinition = {
  name: "aws.ebs.snapshot",
  noun: "EBS snapshot",
  plural: "EBS snapshots",
  service: "ec2",
  idField: "snapshot id",
  words: ["snapshot", "snapshots", "ebs snapshot"],
  model: EbsSnapshotModel,
};

export const EbsEncryptionByDefaultModel = z.object({
  enabled: z.boolean(),
});

export const ebsEncryptionByDefault: KindDefinition = {
  name: "aws.ebs.encryption-by-default",
  noun: "regional EBS encryption-by-default setting",
  plural: "regional EBS encryption-by-default settings",
  service: "ec2",
  idField: "region",
  words: [
    "encryption by default", "default encryption for ebs", "ebs default encryption", "ebs encryption by default",
    "new volumes", "new volume", "new ebs volumes", "encrypted automatically", "automatically encrypted",
    "automatic encryption",
  ],
  model: EbsEncryptionByDefaultModel,
};
