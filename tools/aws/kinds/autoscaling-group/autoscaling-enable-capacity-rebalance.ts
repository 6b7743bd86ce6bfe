// autoscaling.enable-capacity-rebalance: the group replaces Spot instances at elevated risk of
// interruption before they are reclaimed (UpdateAutoScalingGroup CapacityRebalance).
import { sdk } from "../../clients.js";
import { z } from "zod";
import { AutoScalingGroupModel } from "./model.js";
import type { AutomaticAction } from "../../kind-tools.js";
import { send } from "../../send.js";
import { readFields } from "../../actions/common.js";

const { UpdateAutoScalingGroupCommand } = sdk.autoscaling;

const NAME = "autoscaling.enable-capacity-rebalance";
const Params = z.object({}).strict();
const Fields = AutoScalingGroupModel.pick({ capacityRebalance: true });

export const autoscalingEnableCapacityRebalance: AutomaticAction<z.infer<typeof Params>> = {
  name: NAME,
  kind: "aws.autoscaling.group",
  title: "Turn on Capacity Rebalancing for the Auto Scaling group",
  manual: false,
  effect: "tightens",
  permissions: ["autoscaling:UpdateAutoScalingGroup"],
  params: Params,
  plan(resource) {
    if (readFields(resource, Fields, NAME).capacityRebalance) return null;
    return { before: { capacityRebalance: false }, after: { capacityRebalance: true }, summary: `turn on Capacity Rebalancing for Auto Scaling group ${resource.id}` };
  },
  async apply(ctx, resource) {
    await send(ctx, ctx.clients.autoscaling(resource.region), new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: resource.id, CapacityRebalance: true }));
  },
};
