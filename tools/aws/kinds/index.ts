// AWS's kind folders, in catalogue order: the ONE list inside the AWS domain. A new AWS kind is its
// folder here plus one line below; kinds, controls, collectors, actions, polar words and kind-only
// sandbox handlers and sandbox lists are all read from it.
import type { KindDefinition } from "../../../engine/kind.js";
import type { AwsKindFolder, SandboxListsOf } from "./folder.js";
import { autoscalingGroupFolder } from "./autoscaling-group/index.js";
import { ebsEncryptionByDefaultFolder } from "./ebs-encryption-by-default/index.js";
import { ebsSnapshotFolder } from "./ebs-snapshot/index.js";
import { ebsVolumeFolder } from "./ebs-volume/index.js";
import { ec2ImageFolder } from "./ec2-image/index.js";
import { ec2InstanceFolder } from "./ec2-instance/index.js";
import { ec2SecurityGroupFolder } from "./ec2-security-group/index.js";
import { efsAccessPointFolder } from "./efs-access-point/index.js";
import { efsFileSystemFolder } from "./efs-file-system/index.js";
import { s3AccountPublicAccessBlockFolder } from "./s3-account-public-access-block/index.js";
import { s3BucketFolder } from "./s3-bucket/index.js";

export type { KindDefinition } from "../../../engine/kind.js";
export type { AwsKindFolder } from "./folder.js";

const FOLDERS = [
  s3BucketFolder,
  s3AccountPublicAccessBlockFolder,
  ec2InstanceFolder,
  ec2SecurityGroupFolder,
  ebsVolumeFolder,
  ebsSnapshotFolder,
  ebsEncryptionByDefaultFolder,
  ec2ImageFolder,
  efsFileSystemFolder,
  efsAccessPointFolder,
  autoscalingGroupFolder,
] as const satisfies readonly AwsKindFolder[];

export const AWS_KIND_FOLDERS: readonly AwsKindFolder[] = FOLDERS;

/** The sandbox lists the folders own, as one union type: the sandbox file's static type is built from it. */
export type AwsKindSandboxList = SandboxListsOf<(typeof FOLDERS)[number]>;

export const AWS_KINDS: readonly KindDefinition[] = AWS_KIND_FOLDERS.map((f) => f.kind);
