// ebs.enable-encryption-by-default: new EBS volumes in the region are encrypted (id = region).
import { sdk } from "../../clients.js";
import { z } from "zod";
import { EbsEncryptionByDefaultModel } from "./model.js";
import type { AutomaticAction } from "../../kind-tools.js";
import { send } from "../../send.js";
import { readFields } from "../../actions/common.js";

const { EnableEbsEncryptionByDefaultCommand } = sdk.ec2;

const NAME = "ebs.enable-encryption-by-default";
const Params = z.object({}).strict();

export const ebsEnableEncryptionByDefault: AutomaticAction<z.infer<typeof Params>> = {
  name: NAME,
  kind: "aws.ebs.encryption-by-default",
  title: "Turn on EBS encryption by default in the region",
  manual: false,
  effect: "tightens",
  permissions: ["ec2:EnableEbsEncryptionByDefault"],
  params: Params,
  plan(resource) {
    const { enabled } = readFields(resource, EbsEncryptionByDefaultModel, NAME);
    if (enabled) return null;
    return { before: { enabled }, after: { enabled: true }, summary: `turn on EBS encryption by default in ${resource.id}` };
  },
  async apply(ctx, resource) {
    await send(ctx, ctx.clients.ec2(resource.id), new EnableEbsEncryptionByDefaultCommand({}));
  },
};
