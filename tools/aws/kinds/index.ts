// AWS's resource kinds, in catalogue order; the engine's registry reads them through awsDomain.
import { autoScalingGroup } from "./autoscaling.js";
import { ebsEncryptionByDefault, ebsSnapshot, ebsVolume, ec2Instance, ec2SecurityGroup } from "./ec2.js";
import { efsAccessPoint, efsFileSystem } from "./efs.js";
import { s3AccountPublicAccessBlock, s3Bucket } from "./s3.js";
import type { KindDefinition } from "../../../engine/kind.js";

export type { KindDefinition } from "../../../engine/kind.js";

export const AWS_KINDS: readonly KindDefinition[] = [
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
