// Manual remediations: fixes that cannot be made in place. They give guidance and never
// change anything — encryption at rest is chosen when EFS/EBS storage is created.
import { z } from "zod";
import type { Resource } from "../../../contracts/resource.js";
import type { ManualAction } from "../kind-tools.js";
import { describeResource } from "./common.js";

const NoParams = z.object({}).strict();
type NoParams = z.infer<typeof NoParams>;

const where = (r: Resource): string => describeResource(r);

export const efsEncryptAtRest: ManualAction<NoParams> = {
  name: "efs.encrypt-at-rest",
  kind: "aws.efs.file-system",
  title: "Encrypt the EFS file system at rest (manual: requires replacement)",
  manual: true,
  effect: "tightens",
  permissions: ["elasticfilesystem:CreateFileSystem", "elasticfilesystem:CreateMountTarget", "datasync:CreateTask", "kms:DescribeKey"],
  params: NoParams,
  guidance: (r) =>
    `manual: requires replacement. EFS encryption at rest is set when a file system is created, so ${where(r)} cannot be encrypted in place. ` +
    "Create a new file system with encryption enabled (the aws/elasticfilesystem key or your own KMS key), create its mount targets and access points, " +
    "copy the data across with AWS DataSync (or restore a backup into the new file system), switch clients over to the new file system, " +
    "verify, and only then delete the old one.",
};

export const ebsEncryptVolume: ManualAction<NoParams> = {
  name: "ebs.encrypt-volume",
  kind: "aws.ebs.volume",
  title: "Encrypt the EBS volume (manual: requires replacement)",
  manual: true,
  effect: "tightens",
  permissions: ["ec2:CreateSnapshot", "ec2:CopySnapshot", "ec2:CreateVolume", "ec2:DetachVolume", "ec2:AttachVolume", "ec2:StopInstances", "ec2:StartInstances"],
  params: NoParams,
  guidance: (r) =>
    `manual: requires replacement. An EBS volume's encryption is set when it is created, so ${where(r)} cannot be encrypted in place. ` +
    "Snapshot it, copy the snapshot with encryption enabled (CopySnapshot --encrypted, optionally --kms-key-id), create a volume from the encrypted copy " +
    "in the same Availability Zone, stop the instance, detach the old volume and attach the new one at the same device name, start and verify; " +
    "then delete the old volume and the unencrypted snapshot. Turn on EBS encryption by default in the region so new volumes start encrypted.",
};

export const ec2AttachToAutoScalingGroup: ManualAction<NoParams> = {
  name: "ec2.attach-to-autoscaling-group",
  kind: "aws.ec2.instance",
  title: "Run the instance under an Auto Scaling group (manual)",
  manual: true,
  effect: "tightens",
  permissions: ["ec2:CreateLaunchTemplate", "autoscaling:CreateAutoScalingGroup", "autoscaling:AttachInstances"],
  params: NoParams,
  guidance: (r) =>
    `manual: ${where(r)} is not managed by an Auto Scaling group. Capture its configuration in a launch template (from the instance or an AMI of it), ` +
    "then either attach it to an existing group in the same VPC subnets (AttachInstances, which raises the group's desired capacity) or create a group " +
    "from the template with a minimum of at least 1 and health checks, and retire the standalone instance once the group's instances serve its traffic.",
};
