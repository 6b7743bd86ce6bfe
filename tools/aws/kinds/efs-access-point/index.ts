// One AWS kind folder: EFS access points.
import type { ControlDefinition } from "../../../../engine/control.js";
import type { AwsKindFolder } from "../folder.js";
import { POLARITY } from "./words.js";
import { efsSetAccessPointRoot, efsSetAccessPointUser } from "./manual.js";
import { efsAccessPointCollector } from "./collector.js";
import { efsAccessPointPosixUser, efsAccessPointRootDirectory } from "./controls.js";
import { efsAccessPoint } from "./model.js";

export const efsAccessPointFolder: AwsKindFolder = {
  kind: efsAccessPoint,
  controls: [efsAccessPointRootDirectory, efsAccessPointPosixUser] as readonly ControlDefinition[],
  collector: efsAccessPointCollector,
  actions: [efsSetAccessPointRoot, efsSetAccessPointUser],
  polarity: POLARITY,
};
