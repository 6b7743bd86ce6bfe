// One AWS kind folder: the account's S3 Block Public Access settings.
import type { ControlDefinition } from "../../../../engine/control.js";
import type { AwsKindFolder } from "../folder.js";
import { POLARITY } from "./words.js";
import { s3BlockAccountPublicAccess } from "./s3-block-account-public-access.js";
import { s3AccountPublicAccessBlockCollector } from "./collector.js";
import { s3AccountBlockPublicAccess } from "./controls.js";
import { s3AccountPublicAccessBlock } from "./model.js";

export const s3AccountPublicAccessBlockFolder: AwsKindFolder = {
  kind: s3AccountPublicAccessBlock,
  controls: [s3AccountBlockPublicAccess] as readonly ControlDefinition[],
  collector: s3AccountPublicAccessBlockCollector,
  actions: [s3BlockAccountPublicAccess],
  polarity: POLARITY,
};
