// Manual remediation for unencrypted EFS file systems: a new encrypted one.
import { z } from "zod";
import type { Resource } from "../../../../contracts/resource.js";
import type { ManualAction } from "../../kind-tools.js";
import { describeResource } from "../../actions/common.js";

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
