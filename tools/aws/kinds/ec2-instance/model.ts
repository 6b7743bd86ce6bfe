// aws.ec2.instance: an EC2 instance with its metadata options, security-group ingress and attached volumes.
import { z } from "zod";
import type { KindDefinition } from "../../../../engine/kind.js";
import { SecurityGroupRuleModel } from "../ec2-security-group/model.js";

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
