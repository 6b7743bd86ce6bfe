// Auto Scaling kinds: groups.
import { z } from "zod";
import type { KindDefinition } from "../../../../engine/kind.js";

export const AutoScalingGroupModel = z.object({
  minSize: z.number().int(),
  maxSize: z.number().int(),
  desiredCapacity: z.number().int(),
  availabilityZones: z.array(z.string()),
  healthCheckType: z.string(),
  loadBalanced: z.boolean(),
  launchTemplate: z.string().nullable(),
  launchConfigurationName: z.string().nullable(),
  capacityRebalance: z.boolean(),
  instanceTypes: z.array(z.string()),
  instanceIds: z.array(z.string()),
});

export const autoScalingGroup: KindDefinition = {
  name: "aws.autoscaling.group",
  noun: "Auto Scaling group",
  plural: "Auto Scaling groups",
  service: "autoscaling",
  idField: "Auto Scaling group name",
  words: [
    "auto scaling group", "autoscaling group", "asg", "asgs", "auto scaling groups", "autoscaling groups",
    "scaling group", "auto scaling", "autoscaling",
  ],
  model: AutoScalingGroupModel,
};
