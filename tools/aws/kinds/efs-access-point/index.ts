// One AWS kind folder: EFS access points. Still shared with sibling kinds (to split): actions/manual-storage.ts, controls/efs.ts.
import type { ControlDefinition } from "../../../../engine/control.js";
import type { AwsKindFolder } from "../folder.js";
import { efsSetAccessPointRoot, efsSetAccessPointUser } from "../../actions/manual-storage.js";
import { efsAccessPointCollector } from "./collector.js";
import { efsAccessPointPosixUser, efsAccessPointRootDirectory } from "../../controls/efs.js";
import { efsAccessPoint } from "./model.js";

export const efsAccessPointFolder: AwsKindFolder = {
  kind: efsAccessPoint,
  controls: [efsAccessPointRootDirectory, efsAccessPointPosixUser] as readonly ControlDefinition[],
  collector: efsAccessPointCollector,
  actions: [efsSetAccessPointRoot, efsSetAccessPointUser],
};
