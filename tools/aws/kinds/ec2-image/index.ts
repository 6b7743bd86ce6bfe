// The aws.ec2.image kind folder: AMIs owned by the account, whether they are public, and making them private.
import type { AwsKindFolder } from "../folder.js";
import { ec2ImageCollector } from "./collector.js";
import { EC2_IMAGE_CONTROLS } from "./controls.js";
import { ec2MakeAmiPrivate } from "./make-ami-private.js";
import { ec2Image } from "./model.js";
import { EC2_IMAGE_SANDBOX } from "./sandbox.js";
import { POLARITY } from "./words.js";
import { EC2_IMAGE_LIST } from "./sandbox-list.js";

export const ec2ImageFolder = {
  kind: ec2Image,
  controls: EC2_IMAGE_CONTROLS,
  collector: ec2ImageCollector,
  actions: [ec2MakeAmiPrivate],
  polarity: POLARITY,
  sandbox: { handlers: { ec2: EC2_IMAGE_SANDBOX }, lists: [EC2_IMAGE_LIST] },
} satisfies AwsKindFolder;
