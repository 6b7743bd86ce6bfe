// The efsAccessPoint kind folder: EFS access points; its parts still live in the role folders (controls/, collectors/, actions/) until they move here.
import type { ControlDefinition } from "../../../../engine/control.js";
import type { AwsKindFolder } from "../folder.js";
import { efsSetAccessPointRoot, efsSetAccessPointUser } from "../../actions/manual-storage.js";
import { efsAccessPointCollector } from "../../collectors/efs-access-point.js";
import { efsAccessPointPosixUser, efsAccessPointRootDirectory } from "../../controls/efs.js";
import { efsAccessPoint } from "../efs.js";

export const efsAccessPointFolder: AwsKindFolder = {
  kind: efsAccessPoint,
  controls: [efsAccessPointRootDirectory, efsAccessPointPosixUser] as readonly ControlDefinition[],
  collector: efsAccessPointCollector,
  actions: [efsSetAccessPointRoot, efsSetAccessPointUser],
};
