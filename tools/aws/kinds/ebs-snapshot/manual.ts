// Manual remediation for unencrypted EBS snapshots: an encrypted copy.
import { z } from "zod";
import { EbsSnapshotModel } from "./model.js";
import type { ManualAction } from "../../kind-tools.js";
import { describeResource, readFields } from "../../actions/common.js";

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
