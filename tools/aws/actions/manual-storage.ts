// Manual EBS-snapshot and EFS remediations: properties fixed at creation (snapshot encryption, One
// Zone, access-point root and user) or policies whose mistakes lock clients out — guidance only.
import { z } from "zod";
import { EbsSnapshotModel } from "../kinds/ebs-snapshot/model.js";
import { EfsAccessPointModel } from "../kinds/efs-access-point/model.js";
import { EfsFileSystemModel } from "../kinds/efs-file-system/model.js";
import type { Resource } from "../../../contracts/resource.js";
import type { ManualAction } from "../kind-tools.js";
import { describeResource, readFields } from "./common.js";

const NoParams = z.object({}).strict();
type NoParams = z.infer<typeof NoParams>;
const EncryptParams = z.object({ kmsKeyId: z.string().min(1).optional() }).strict();
type EncryptParams = z.infer<typeof EncryptParams>;

export const ebsEncryptSnapshot: ManualAction<EncryptParams> = {
  name: "ebs.encrypt-snapshot",
  kind: "aws.ebs.snapshot",
  title: "Encrypt the EBS snapshot (manual: requires an encrypted copy)",
  manual: true,
  effect: "tightens",
  permissions: ["ec2:CopySnapshot", "ec2:DeleteSnapshot", "kms:CreateGrant", "kms:DescribeKey"],
  params: EncryptParams,
  guidance(r, p) {
    const facts = readFields(r, EbsSnapshotModel.pick({ public: true, volumeId: true, sizeGiB: true }), "ebs.encrypt-snapshot");
    const key = p.kmsKeyId ? ` --kms-key-id ${p.kmsKeyId}` : "";
    return `manual: requires replacement. A snapshot's encryption is set when it is taken, so snapshot ${describeResource(r)}` +
      `${facts.volumeId ? ` (of ${facts.volumeId}` : " ("}${facts.sizeGiB !== null ? `, ${facts.sizeGiB} GiB` : ""}) cannot be encrypted in place. ` +
      (facts.public ? "It is also public: make it private first (ebs.make-snapshot-private) so no one copies it meanwhile. " : "") +
      `Copy it encrypted: \`aws ec2 copy-snapshot --source-region ${r.region} --source-snapshot-id ${r.id} --encrypted${key} --description "encrypted copy of ${r.id}"\`, ` +
      "wait until the copy is completed, copy the tags across, point everything that names the old snapshot (AMIs registered from it, launch templates, backup or DLM policies) " +
      `at the copy, then delete the original with \`aws ec2 delete-snapshot --snapshot-id ${r.id}\`. Turn on EBS encryption by default so new snapshots start encrypted.`;
  },
};

export const efsMakeRegional: ManualAction<NoParams> = {
  name: "efs.make-regional",
  kind: "aws.efs.file-system",
  title: "Move the EFS file system to Regional storage (manual: requires replacement)",
  manual: true,
  effect: "tightens",
  permissions: ["elasticfilesystem:CreateFileSystem", "elasticfilesystem:CreateMountTarget", "elasticfilesystem:CreateReplicationConfiguration"],
  params: NoParams,
  guidance(r) {
    const { availabilityZoneName } = readFields(r, EfsFileSystemModel.pick({ availabilityZoneName: true }), "efs.make-regional");
    return `manual: requires replacement. File system ${describeResource(r)} is One Zone${availabilityZoneName ? ` (${availabilityZoneName})` : ""}: ` +
      "its data is unavailable, and can be lost, when that Availability Zone fails, and a file system cannot change storage class in place. " +
      "Create a Regional, encrypted file system (`aws efs create-file-system --encrypted --performance-mode generalPurpose`, without --availability-zone-name), " +
      "add a mount target in a subnet of every Availability Zone that clients run in, copy the data with EFS replication or AWS DataSync, " +
      "recreate access points and the file-system policy, switch clients to the new file system id, verify, and delete the old one.";
  },
};

export const efsRestrictFileSystemPolicy: ManualAction<NoParams> = {
  name: "efs.restrict-file-system-policy",
  kind: "aws.efs.file-system",
  title: "Narrow the EFS file-system policy (manual: test client access first)",
  manual: true,
  effect: "tightens",
  permissions: ["elasticfilesystem:PutFileSystemPolicy"],
  params: NoParams,
  guidance: (r) =>
    `manual: the file-system policy of ${describeResource(r)} allows any principal ("*") without a condition, so anything that can reach a mount target may mount ` +
    "and write to it. Rewrite it to grant elasticfilesystem:ClientMount / ClientWrite only to the IAM roles of the clients that need them " +
    "(or keep the principal but add a condition such as aws:PrincipalOrgID or elasticfilesystem:AccessPointArn to force access points), " +
    'add a Deny for "aws:SecureTransport": "false", and apply it with ' +
    `\`aws efs put-file-system-policy --file-system-id ${r.id} --policy file://policy.json\`. ` +
    "Mount from each client (with the mount helper's -o tls,iam) right after: a wrong policy locks clients out, which is why agpm does not write it for you.",
};

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
