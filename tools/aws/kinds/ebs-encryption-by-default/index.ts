// The ebsEncryptionByDefault kind folder: each region's EBS encryption-by-default setting; its parts still live in the role folders (controls/, collectors/, actions/) until they move here.
import type { ControlDefinition } from "../../../../engine/control.js";
import type { AwsKindFolder } from "../folder.js";
import { ebsEnableEncryptionByDefault } from "../../actions/ebs-enable-encryption-by-default.js";
import { ebsEncryptionByDefaultCollector } from "../../collectors/ebs-encryption-by-default.js";
import { ebsEncryptionByDefault as ebsEncryptionByDefaultControl } from "../../controls/ebs.js";
import { ebsEncryptionByDefault } from "../ec2.js";

export const ebsEncryptionByDefaultFolder: AwsKindFolder = {
  kind: ebsEncryptionByDefault,
  controls: [ebsEncryptionByDefaultControl] as readonly ControlDefinition[],
  collector: ebsEncryptionByDefaultCollector,
  actions: [ebsEnableEncryptionByDefault],
};
