// aws.ebs.encryption-by-default: one region's EBS encryption-by-default setting.
import { z } from "zod";
import type { KindDefinition } from "../../../../engine/kind.js";

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
