// The s3AccountPublicAccessBlock kind folder: the account's S3 Block Public Access settings; its parts still live in the role folders (controls/, collectors/, actions/) until they move here.
import type { ControlDefinition } from "../../../../engine/control.js";
import type { AwsKindFolder } from "../folder.js";
import { s3BlockAccountPublicAccess } from "../../actions/s3-block-account-public-access.js";
import { s3AccountPublicAccessBlockCollector } from "../../collectors/s3-account.js";
import { s3AccountBlockPublicAccess } from "../../controls/s3-access.js";
import { s3AccountPublicAccessBlock } from "../s3.js";

export const s3AccountPublicAccessBlockFolder: AwsKindFolder = {
  kind: s3AccountPublicAccessBlock,
  controls: [s3AccountBlockPublicAccess] as readonly ControlDefinition[],
  collector: s3AccountPublicAccessBlockCollector,
  actions: [s3BlockAccountPublicAccess],
};
