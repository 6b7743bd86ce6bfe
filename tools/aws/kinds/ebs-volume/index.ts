// One AWS kind folder: EBS volumes.
import type { ControlDefinition } from "../../../../engine/control.js";
import type { AwsKindFolder } from "../folder.js";
import { POLARITY } from "./words.js";
import { ebsEncryptVolume } from "./manual.js";
import { ebsVolumeCollector } from "./collector.js";
import { ebsVolumeEncrypted } from "./controls.js";
import { ebsVolume } from "./model.js";
import { EBS_VOLUME_LIST } from "./sandbox-list.js";

export const ebsVolumeFolder = {
  kind: ebsVolume,
  controls: [ebsVolumeEncrypted] as readonly ControlDefinition[],
  collector: ebsVolumeCollector,
  actions: [ebsEncryptVolume],
  polarity: POLARITY,
  sandbox: { lists: [EBS_VOLUME_LIST] },
} satisfies AwsKindFolder;
