// The registry of resource kinds: the one list every agent, tool and doc reads.
import { z } from "zod";
import { ResourceEnvelopeSchema } from "../../contracts/resource.js";
import { autoScalingGroup } from "./aws-autoscaling.js";
import { ebsEncryptionByDefault, ebsSnapshot, ebsVolume, ec2Instance, ec2SecurityGroup } from "./aws-ec2.js";
import { efsAccessPoint, efsFileSystem } from "./aws-efs.js";
import { s3AccountPublicAccessBlock, s3Bucket } from "./aws-s3.js";
import type { KindDefinition } from "./kind.js";

export type { KindDefinition } from "./kind.js";

export const KINDS: readonly KindDefinition[] = [
  s3Bucket,
  s3AccountPublicAccessBlock,
  ec2Instance,
  ec2SecurityGroup,
  ebsVolume,
  ebsSnapshot,
  ebsEncryptionByDefault,
  efsFileSystem,
  efsAccessPoint,
  autoScalingGroup,
];

export const KIND_NAMES = KINDS.map((k) => k.name);

export function findKind(name: string): KindDefinition | undefined {
  return KINDS.find((k) => k.name === name);
}

/** The full schema of a kind's resources: envelope plus model. */
export function modelSchema(kind: KindDefinition): z.ZodObject {
  return ResourceEnvelopeSchema.extend(kind.model.shape);
}
