// aws.ec2.image: the AMIs the account owns, with whether anyone may launch them.
import { z } from "zod";
import type { KindDefinition } from "../../../../engine/kind.js";

export const Ec2ImageModel = z.object({
  imageName: z.string().nullable(),
  /** pending | available | invalid | deregistered | transient | failed | error | disabled */
  state: z.string(),
  /** Any AWS account may launch it (launchPermission has Group "all"). */
  public: z.boolean(),
  /** Every EBS mapping of the image is encrypted; null for instance-store images. */
  encrypted: z.boolean().nullable(),
  creationDate: z.string().nullable(),
  /** Whole days since CreationDate, at collection time; null when unknown. */
  ageDays: z.number().int().nullable(),
  /** When the AMI is (or was) deprecated; null when no deprecation is set. */
  deprecationTime: z.string().nullable(),
  /** The deprecation time has passed, at collection time. */
  deprecated: z.boolean(),
});

export const ec2Image: KindDefinition = {
  name: "aws.ec2.image",
  noun: "AMI",
  plural: "AMIs",
  service: "ec2",
  idField: "image id",
  words: ["ami", "amis", "machine image", "machine images", "amazon machine image", "amazon machine images", "image", "images", "golden image", "golden images"],
  model: Ec2ImageModel,
};
