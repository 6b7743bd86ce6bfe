// Collector for Auto Scaling groups, and the group listing the instance collector reuses.
import { sdk } from "../../clients.js";
import type { AutoScalingGroup } from "@aws-sdk/client-auto-scaling";
import type { Resource } from "../../../../contracts/resource.js";
import type { AwsContext } from "../../context.js";
import type { KindCollector } from "../../kind-tools.js";
import { send } from "../../send.js";
import { makeResource, paginate, tagsToRecord } from "../../collectors/common.js";

const { DescribeAutoScalingGroupsCommand } = sdk.autoscaling;

export const ASG_KIND = "aws.autoscaling.group";

/** Every Auto Scaling group of the region, or only `names`. */
export function listAutoScalingGroups(ctx: AwsContext, region: string, names?: string[]): Promise<AutoScalingGroup[]> {
  const client = ctx.clients.autoscaling(region);
  return paginate(
    (token) => send(ctx, client, new DescribeAutoScalingGroupsCommand({ NextToken: token, MaxRecords: 100, AutoScalingGroupNames: names })),
    (page) => page.AutoScalingGroups,
    (page) => page.NextToken,
  );
}

function launchTemplateName(group: AutoScalingGroup): string | null {
  const spec = group.LaunchTemplate ?? group.MixedInstancesPolicy?.LaunchTemplate?.LaunchTemplateSpecification;
  return spec?.LaunchTemplateName ?? spec?.LaunchTemplateId ?? null;
}

function instanceTypes(group: AutoScalingGroup): string[] {
  const types = new Set<string>();
  for (const i of group.Instances ?? []) if (i.InstanceType) types.add(i.InstanceType);
  for (const o of group.MixedInstancesPolicy?.LaunchTemplate?.Overrides ?? []) if (o.InstanceType) types.add(o.InstanceType);
  return [...types].sort();
}

export function groupModel(group: AutoScalingGroup): Record<string, unknown> {
  return {
    minSize: group.MinSize ?? 0,
    maxSize: group.MaxSize ?? 0,
    desiredCapacity: group.DesiredCapacity ?? 0,
    availabilityZones: group.AvailabilityZones ?? [],
    healthCheckType: group.HealthCheckType ?? "EC2",
    loadBalanced:
      (group.LoadBalancerNames?.length ?? 0) > 0 || (group.TargetGroupARNs?.length ?? 0) > 0 || (group.TrafficSources?.length ?? 0) > 0,
    launchTemplate: launchTemplateName(group),
    launchConfigurationName: group.LaunchConfigurationName ?? null,
    capacityRebalance: group.CapacityRebalance === true,
    instanceTypes: instanceTypes(group),
    instanceIds: (group.Instances ?? []).flatMap((i) => (i.InstanceId ? [i.InstanceId] : [])),
  };
}

function toResource(ctx: AwsContext, region: string, group: AutoScalingGroup): Resource | null {
  const name = group.AutoScalingGroupName;
  if (name === undefined) return null;
  return makeResource(
    { kind: ASG_KIND, id: name, region, account: ctx.account, name, tags: tagsToRecord(group.Tags) },
    groupModel(group),
  );
}

export const autoScalingGroupCollector: KindCollector = {
  kind: ASG_KIND,
  permissions: ["autoscaling:DescribeAutoScalingGroups"],
  scope: "regional",
  async collect(ctx, region) {
    const groups = await listAutoScalingGroups(ctx, region);
    return groups.map((g) => toResource(ctx, region, g)).filter((r): r is Resource => r !== null);
  },
  async collectOne(ctx, id, region) {
    const groups = await listAutoScalingGroups(ctx, region, [id]);
    const group = groups.find((g) => g.AutoScalingGroupName === id);
    return group ? toResource(ctx, region, group) : null;
  },
};
