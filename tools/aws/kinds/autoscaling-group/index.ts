// The autoScalingGroup kind folder: Auto Scaling groups; its parts still live in the role folders (controls/, collectors/, actions/) until they move here.
import type { ControlDefinition } from "../../../../engine/control.js";
import type { AwsKindFolder } from "../folder.js";
import { autoscalingEnableCapacityRebalance } from "../../actions/autoscaling-enable-capacity-rebalance.js";
import { autoscalingSpreadAzs, autoscalingUseElbHealthCheck, autoscalingUseLaunchTemplate, autoscalingUseMultipleInstanceTypes } from "../../actions/manual-autoscaling.js";
import { autoScalingGroupCollector } from "../../collectors/autoscaling-group.js";
import { autoScalingCapacityRebalance, autoScalingElbHealthCheck, autoScalingLaunchTemplate, autoScalingMultiAz, autoScalingMultipleInstanceTypes } from "../../controls/autoscaling.js";
import { autoScalingGroup } from "../autoscaling.js";

export const autoscalingGroupFolder: AwsKindFolder = {
  kind: autoScalingGroup,
  controls: [autoScalingMultiAz, autoScalingElbHealthCheck, autoScalingCapacityRebalance, autoScalingLaunchTemplate, autoScalingMultipleInstanceTypes] as readonly ControlDefinition[],
  collector: autoScalingGroupCollector,
  actions: [autoscalingEnableCapacityRebalance, autoscalingSpreadAzs, autoscalingUseElbHealthCheck, autoscalingUseLaunchTemplate, autoscalingUseMultipleInstanceTypes],
};
