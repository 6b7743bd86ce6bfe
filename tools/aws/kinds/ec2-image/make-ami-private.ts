// ec2.make-ami-private: removes the public ("all") launch permission of an AMI; accounts it is shared with by id keep theirs.
import { sdk } from "../../clients.js";
import { z } from "zod";
import { readFields } from "../../actions/common.js";
import type { AutomaticAction } from "../../kind-tools.js";
import { send } from "../../send.js";
import { Ec2ImageModel } from "./model.js";

const { ModifyImageAttributeCommand } = sdk.ec2;

const NAME = "ec2.make-ami-private";
const Params = z.object({}).strict();
const Fields = Ec2ImageModel.pick({ public: true });

export const ec2MakeAmiPrivate: AutomaticAction<z.infer<typeof Params>> = {
  name: NAME,
  kind: "aws.ec2.image",
  title: "Make the AMI private",
  manual: false,
  effect: "tightens",
  permissions: ["ec2:ModifyImageAttribute"],
  params: Params,
  plan(resource) {
    if (!readFields(resource, Fields, NAME).public) return null;
    return { before: { public: true }, after: { public: false }, summary: `stop sharing AMI ${resource.id} publicly (remove launchPermission group "all")` };
  },
  async apply(ctx, resource) {
    await send(ctx, ctx.clients.ec2(resource.region), new ModifyImageAttributeCommand({
      ImageId: resource.id,
      LaunchPermission: { Remove: [{ Group: "all" }] },
    }));
  },
};
