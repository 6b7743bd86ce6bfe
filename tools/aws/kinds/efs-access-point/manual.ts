// Manual remediations for EFS access points: a root directory and a POSIX user need a new access point.
import { z } from "zod";
import { EfsAccessPointModel } from "./model.js";
import type { Resource } from "../../../../contracts/resource.js";
import type { ManualAction } from "../../kind-tools.js";
import { describeResource, readFields } from "../../actions/common.js";

const NoParams = z.object({}).strict();
type NoParams = z.infer<typeof NoParams>;

function recreateAccessPoint(r: Resource, action: string, change: string): string {
  const { fileSystemId, rootDirectory, posixUser } = readFields(r, EfsAccessPointModel, action);
  const root = rootDirectory === "/" ? "/<application>" : rootDirectory;
  const user = posixUser ? `Uid=${posixUser.uid},Gid=${posixUser.gid}` : "Uid=<uid>,Gid=<gid>";
  const owner = posixUser ? `OwnerUid=${posixUser.uid},OwnerGid=${posixUser.gid}` : "OwnerUid=<uid>,OwnerGid=<gid>";
  return `manual: requires replacement. Access points cannot be changed after creation, and ${describeResource(r)} ${change}. ` +
    `Create its successor: \`aws efs create-access-point --file-system-id ${fileSystemId} --posix-user ${user} ` +
    `--root-directory 'Path=${root},CreationInfo={${owner},Permissions=750}'\`, move the application's files under ${root} if they live elsewhere, ` +
    "point its clients (mount helper -o accesspoint=…, ECS task or Lambda file-system configuration) at the new access point, then delete the old one with " +
    `\`aws efs delete-access-point --access-point-id ${r.id}\`.`;
}

export const efsSetAccessPointRoot: ManualAction<NoParams> = {
  name: "efs.set-access-point-root",
  kind: "aws.efs.access-point",
  title: "Give the EFS access point its own root directory (manual: recreate it)",
  manual: true,
  effect: "tightens",
  permissions: ["elasticfilesystem:CreateAccessPoint", "elasticfilesystem:DeleteAccessPoint"],
  params: NoParams,
  guidance: (r) => recreateAccessPoint(r, "efs.set-access-point-root", "exposes the file system's root directory \"/\", so its clients see every file on it"),
};

export const efsSetAccessPointUser: ManualAction<NoParams> = {
  name: "efs.set-access-point-user",
  kind: "aws.efs.access-point",
  title: "Enforce a POSIX user on the EFS access point (manual: recreate it)",
  manual: true,
  effect: "tightens",
  permissions: ["elasticfilesystem:CreateAccessPoint", "elasticfilesystem:DeleteAccessPoint"],
  params: NoParams,
  guidance: (r) => recreateAccessPoint(r, "efs.set-access-point-user", "enforces no POSIX user, so clients act with whatever user and group ids they claim, root included"),
};
