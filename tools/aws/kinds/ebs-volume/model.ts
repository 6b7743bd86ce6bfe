// aws.ebs.volume: an EBS volume, its encryption and attachments.
import { z } from "zod";
import type { KindDefinition } from "../../../../engine/kind.js";

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
