// Manual remediations for EFS file systems: One Zone to Regional, and the file-system policy.
import { z } from "zod";
import { EfsFileSystemModel } from "./model.js";
import type { ManualAction } from "../../kind-tools.js";
import { describeResource, readFields } from "../../actions/common.js";

const NoParams = z.object({}).strict();
type NoParams = z.infer<typeof NoParams>;

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
