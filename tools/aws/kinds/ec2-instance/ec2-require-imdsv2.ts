// ec2.require-imdsv2: makes the instance metadata service require session tokens (IMDSv2).
import { sdk } from "../../clients.js";
import { z } from "zod";
import { Ec2InstanceModel } from "./model.js";
import type { AutomaticAction } from "../../kind-tools.js";
import { send } from "../../send.js";
import { changeOf, readFields } from "../../actions/common.js";

const { ModifyInstanceMetadataOptionsCommand } = sdk.ec2;

const NAME = "ec2.require-imdsv2";
const Params = z.object({}).strict();
const Fields = Ec2InstanceModel.pick({ metadataOptions: true });

export const ec2RequireImdsv2: AutomaticAction<z.infer<typeof Params>> = {
  name: NAME,
  kind: "aws.ec2.instance",
  title: "Require IMDSv2 on the instance",
  manual: false,
  effect: "tightens",
  permissions: ["ec2:ModifyInstanceMetadataOptions"],
  params: Params,
  plan(resource) {
    const { metadataOptions } = readFields(resource, Fields, NAME);
    return changeOf("metadataOptions", { httpTokens: metadataOptions.httpTokens }, { httpTokens: "required" },
      `require IMDSv2 (session tokens) on instance ${resource.id}`);
  },
  async apply(ctx, resource) {
    const { metadataOptions } = readFields(resource, Fields, NAME);
    await send(ctx, ctx.clients.ec2(resource.region), new ModifyInstanceMetadataOptionsCommand({
      InstanceId: resource.id,
      HttpTokens: "required",
      // Requiring tokens must not switch the metadata service off (or on): keep the endpoint as it is.
      HttpEndpoint: metadataOptions.httpEndpoint === "disabled" ? "disabled" : "enabled",
    }));
  },
};
