// The ebsVolume kind folder: EBS volumes; its parts still live in the role folders (controls/, collectors/, actions/) until they move here.
import type { ControlDefinition } from "../../../../engine/control.js";
import type { AwsKindFolder } from "../folder.js";
import { ebsEncryptVolume } from "../../actions/manual.js";
import { ebsVolumeCollector } from "../../collectors/ebs-volume.js";
import { ebsVolumeEncrypted } from "../../controls/ebs.js";
import { ebsVolume } from "../ec2.js";

export const ebsVolumeFolder: AwsKindFolder = {
  kind: ebsVolume,
  controls: [ebsVolumeEncrypted] as readonly ControlDefinition[],
  collector: ebsVolumeCollector,
  actions: [ebsEncryptVolume],
};
