// Manual remediation for unencrypted EBS volumes: an encrypted copy.
import { z } from "zod";
import type { Resource } from "../../../../contracts/resource.js";
import type { ManualAction } from "../../kind-tools.js";
import { describeResource } from "../../actions/common.js";

const NoParams = z.object({}).strict();
type NoParams = z.infer<typeof NoParams>;

const where = (r: Resource): string => describeResource(r);

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
