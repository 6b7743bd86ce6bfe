// One AWS kind folder: each region's EBS encryption-by-default setting.
import type { ControlDefinition } from "../../../../engine/control.js";
import type { AwsKindFolder } from "../folder.js";
import { POLARITY } from "./words.js";
import { ebsEnableEncryptionByDefault } from "./ebs-enable-encryption-by-default.js";
import { ebsEncryptionByDefaultCollector } from "./collector.js";
import { ebsEncryptionByDefault as ebsEncryptionByDefaultControl } from "./controls.js";
import { ebsEncryptionByDefault } from "./model.js";

export const ebsEncryptionByDefaultFolder: AwsKindFolder = {
  kind: ebsEncryptionByDefault,
  controls: [ebsEncryptionByDefaultControl] as readonly ControlDefinition[],
  collector: ebsEncryptionByDefaultCollector,
  actions: [ebsEnableEncryptionByDefault],
  polarity: POLARITY,
};
