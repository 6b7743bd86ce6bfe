// ec2.enable-detailed-monitoring: one-minute CloudWatch metrics for the instance (MonitorInstances).
import { sdk } from "../../clients.js";
import { z } from "zod";
import { Ec2InstanceModel } from "./model.js";
import type { AutomaticAction } from "../../kind-tools.js";
import { send } from "../../send.js";
import { readFields } from "../../actions/common.js";

const { MonitorInstancesCommand } = sdk.ec2;

const NAME = "ec2.enable-detailed-monitoring";
const Params = z.object({}).strict();
const Fields = Ec2InstanceModel.pick({ monitoring: true });

export const ec2EnableDetailedMonitoring: AutomaticAction<z.infer<typeof Params>> = {
  name: NAME,
  kind: "aws.ec2.instance",
  title: "Turn on detailed (one-minute) monitoring for the instance",
  manual: false,
  effect: "tightens",
  permissions: ["ec2:MonitorInstances"],
  params: Params,
  plan(resource) {
    const { monitoring } = readFields(resource, Fields, NAME);
    // "pending" is the answer right after MonitorInstances: already on its way.
    if (monitoring === "enabled" || monitoring === "pending") return null;
    return { before: { monitoring }, after: { monitoring: "enabled" }, summary: `turn on detailed monitoring for instance ${resource.id}` };
  },
  async apply(ctx, resource) {
    await send(ctx, ctx.clients.ec2(resource.region), new MonitorInstancesCommand({ InstanceIds: [resource.id] }));
  },
};
