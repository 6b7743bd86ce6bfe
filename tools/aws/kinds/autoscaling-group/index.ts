// One AWS kind folder: Auto Scaling groups.
import type { ControlDefinition } from "../../../../engine/control.js";
import type { AwsKindFolder } from "../folder.js";
import { POLARITY } from "./words.js";
import { autoscalingEnableCapacityRebalance } from "./autoscaling-enable-capacity-rebalance.js";
import { autoscalingSpreadAzs, autoscalingUseElbHealthCheck, autoscalingUseLaunchTemplate, autoscalingUseMultipleInstanceTypes } from "./manual.js";
import { autoScalingGroupCollector } from "./collector.js";
import { autoScalingCapacityRebalance, autoScalingElbHealthCheck, autoScalingLaunchTemplate, autoScalingMultiAz, autoScalingMultipleInstanceTypes } from "./controls.js";
import { autoScalingGroup } from "./model.js";

export const autoscalingGroupFolder: AwsKindFolder = {
  kind: autoScalingGroup,
  controls: [autoScalingMultiAz, autoScalingElbHealthCheck, autoScalingCapacityRebalance, autoScalingLaunchTemplate, autoScalingMultipleInstanceTypes] as readonly ControlDefinition[],
  collector: autoScalingGroupCollector,
  actions: [autoscalingEnableCapacityRebalance, autoscalingSpreadAzs, autoscalingUseElbHealthCheck, autoscalingUseLaunchTemplate, autoscalingUseMultipleInstanceTypes],
  polarity: POLARITY,
};
