// EC2 kinds: instances, security groups, EBS volumes and EBS encryption by default.
import { z } from "zod";
import type { KindDefinition } from "./kind.js";

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
});
export type SecurityGroupRuleModel = z.infer<typeof SecurityGroupRuleModel>;

export const SecurityGroupModel = z.object({
  groupName: z.string(),
  description: z.string().nullable(),
  vpcId: z.string().nullable(),
  isDefault: z.boolean(),
  ingress: z.array(SecurityGroupRuleModel),
  egress: z.array(SecurityGroupRuleModel),
});

export const ec2SecurityGroup: KindDefinition = {
  name: "aws.ec2.security-group",
  noun: "security group",
  plural: "security groups",
  service: "ec2",
  idField: "security-group id",
  words: ["security group", "security groups", "sg", "sgs", "firewall", "firewall rule", "firewall rules", "ingress rule", "ingress rules", "inbound rule"],
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

export const EbsEncryptionByDefaultModel = z.object({
  enabled: z.boolean(),
});

export const ebsEncryptionByDefault: KindDefinition = {
  name: "aws.ebs.encryption-by-default",
  noun: "regional EBS encryption-by-default setting",
  plural: "regional EBS encryption-by-default settings",
  service: "ec2",
  idField: "region",
  words: ["encryption by default", "default encryption for ebs", "ebs default encryption", "ebs encryption by default"],
  model: EbsEncryptionByDefaultModel,
};
