// One AWS kind folder: EFS access points.
import type { ControlDefinition } from "../../../../engine/control.js";
import type { AwsKindFolder } from "../folder.js";
import { POLARITY } from "./words.js";
import { efsSetAccessPointRoot, efsSetAccessPointUser } from "./manual.js";
import { efsAccessPointCollector } from "./collector.js";
import { efsAccessPointPosixUser, efsAccessPointRootDirectory } from "./controls.js";
import { efsAccessPoint } from "./model.js";
import { EFS_ACCESS_POINT_LIST } from "./sandbox-list.js";

export const efsAccessPointFolder = {
  kind: efsAccessPoint,
  controls: [efsAccessPointRootDirectory, efsAccessPointPosixUser] as readonly ControlDefinition[],
  collector: efsAccessPointCollector,
  actions: [efsSetAccessPointRoot, efsSetAccessPointUser],
  polarity: POLARITY,
  sandbox: { lists: [EFS_ACCESS_POINT_LIST] },
} satisfies AwsKindFolder;
