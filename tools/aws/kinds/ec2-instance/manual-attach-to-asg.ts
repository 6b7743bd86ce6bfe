// Manual remediation for EC2 instances outside an Auto Scaling group.
import { z } from "zod";
import type { Resource } from "../../../../contracts/resource.js";
import type { ManualAction } from "../../kind-tools.js";
import { describeResource } from "../../actions/common.js";

const NoParams = z.object({}).strict();
type NoParams = z.infer<typeof NoParams>;

const where = (r: Resource): string => describeResource(r);

export const ec2AttachToAutoScalingGroup: ManualAction<NoParams> = {
  name: "ec2.attach-to-autoscaling-group",
  kind: "aws.ec2.instance",
  title: "Run the instance under an Auto Scaling group (manual)",
  manual: true,
  effect: "tightens",
  permissions: ["ec2:CreateLaunchTemplate", "autoscaling:CreateAutoScalingGroup", "autoscaling:AttachInstances"],
  params: NoParams,
  guidance: (r) =>
    `manual: ${where(r)} is not managed by an Auto Scaling group. Capture its configuration in a launch template (from the instance or an AMI of it), ` +
    "then either attach it to an existing group in the same VPC subnets (AttachInstances, which raises the group's desired capacity) or create a group " +
    "from the template with a minimum of at least 1 and health checks, and retire the standalone instance once the group's instances serve its traffic.",
};
