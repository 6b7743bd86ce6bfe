// The ebsSnapshot kind folder: the account's EBS snapshots; its parts still live in the role folders (controls/, collectors/, actions/) until they move here.
import type { ControlDefinition } from "../../../../engine/control.js";
import type { AwsKindFolder } from "../folder.js";
import { ebsMakeSnapshotPrivate } from "../../actions/ebs-make-snapshot-private.js";
import { ebsEncryptSnapshot } from "../../actions/manual-storage.js";
import { ebsSnapshotCollector } from "../../collectors/ebs-snapshot.js";
import { ebsSnapshotEncrypted, ebsSnapshotNotPublic } from "../../controls/ebs.js";
import { ebsSnapshot } from "../ec2.js";

export const ebsSnapshotFolder: AwsKindFolder = {
  kind: ebsSnapshot,
  controls: [ebsSnapshotEncrypted, ebsSnapshotNotPublic] as readonly ControlDefinition[],
  collector: ebsSnapshotCollector,
  actions: [ebsMakeSnapshotPrivate, ebsEncryptSnapshot],
};
