// One AWS kind folder: EBS volumes. Still shared with sibling kinds (to split): actions/manual.ts, controls/ebs.ts.
import type { ControlDefinition } from "../../../../engine/control.js";
import type { AwsKindFolder } from "../folder.js";
import { ebsEncryptVolume } from "../../actions/manual.js";
import { ebsVolumeCollector } from "./collector.js";
import { ebsVolumeEncrypted } from "../../controls/ebs.js";
import { ebsVolume } from "./model.js";

export const ebsVolumeFolder: AwsKindFolder = {
  kind: ebsVolume,
  controls: [ebsVolumeEncrypted] as readonly ControlDefinition[],
  collector: ebsVolumeCollector,
  actions: [ebsEncryptVolume],
};
