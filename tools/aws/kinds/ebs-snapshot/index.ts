// One AWS kind folder: the account's EBS snapshots.
import type { ControlDefinition } from "../../../../engine/control.js";
import type { AwsKindFolder } from "../folder.js";
import { POLARITY } from "./words.js";
import { ebsMakeSnapshotPrivate } from "./ebs-make-snapshot-private.js";
import { ebsEncryptSnapshot } from "./manual.js";
import { ebsSnapshotCollector } from "./collector.js";
import { ebsSnapshotEncrypted, ebsSnapshotNotPublic } from "./controls.js";
import { ebsSnapshot } from "./model.js";
import { EBS_SNAPSHOT_LIST } from "./sandbox-list.js";

export const ebsSnapshotFolder = {
  kind: ebsSnapshot,
  controls: [ebsSnapshotEncrypted, ebsSnapshotNotPublic] as readonly ControlDefinition[],
  collector: ebsSnapshotCollector,
  actions: [ebsMakeSnapshotPrivate, ebsEncryptSnapshot],
  polarity: POLARITY,
  sandbox: { lists: [EBS_SNAPSHOT_LIST] },
} satisfies AwsKindFolder;
