// One AWS kind folder: the account's EBS snapshots. Still shared with sibling kinds (to split): actions/manual-storage.ts, controls/ebs.ts.
import type { ControlDefinition } from "../../../../engine/control.js";
import type { AwsKindFolder } from "../folder.js";
import { ebsMakeSnapshotPrivate } from "./ebs-make-snapshot-private.js";
import { ebsEncryptSnapshot } from "../../actions/manual-storage.js";
import { ebsSnapshotCollector } from "./collector.js";
import { ebsSnapshotEncrypted, ebsSnapshotNotPublic } from "../../controls/ebs.js";
import { ebsSnapshot } from "./model.js";

export const ebsSnapshotFolder: AwsKindFolder = {
  kind: ebsSnapshot,
  controls: [ebsSnapshotEncrypted, ebsSnapshotNotPublic] as readonly ControlDefinition[],
  collector: ebsSnapshotCollector,
  actions: [ebsMakeSnapshotPrivate, ebsEncryptSnapshot],
};
