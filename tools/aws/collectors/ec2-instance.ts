// Collector for EC2 instances (terminated ones are gone, as far as policy is concerned).
import { DescribeInstancesCommand } from "@aws-sdk/client-ec2";
import type { Instance } from "@aws-sdk/client-ec2";
import { errorMessage } from "../../../core/errors.js";
import type { Resource } from "../../../policy/resource.js";
import type { AwsContext } from "../context.js";
import type { KindCollector } from "../kind-tools.js";
import { isAwsError, send } from "../send.js";
import { listAutoScalingGroups } from "./autoscaling-group.js";
import { isoDate, makeResource, paginate, tagsToRecord } from "./common.js";

export const INSTANCE_KIND = "aws.ec2.instance";

/** Instance id → the Auto Scaling group listing it (AWS's own membership, not the tag). */
interface GroupIndex {
  byInstance: Map<string, string>;
  error?: string;
}

async function groupIndex(ctx: AwsContext, region: string): Promise<GroupIndex> {
  try {
    const byInstance = new Map<string, string>();
    for (const group of await listAutoScalingGroups(ctx, region)) {
      for (const i of group.Instances ?? []) {
        if (i.InstanceId && group.AutoScalingGroupName) byInstance.set(i.InstanceId, group.AutoScalingGroupName);
      }
    }
    return { byInstance };
  } catch (e) {
    return { byInstance: new Map(), error: `Auto Scaling membership: ${errorMessage(e)}` };
  }
}

export function instanceModel(i: Instance, autoScalingGroup: string | null): Record<string, unknown> {
  return {
    instanceType: i.InstanceType ?? null,
    state: i.State?.Name ?? "unknown",
    launchTime: isoDate(i.LaunchTime),
    imageId: i.ImageId ?? null,
    vpcId: i.VpcId ?? null,
    subnetId: i.SubnetId ?? null,
    availabilityZone: i.Placement?.AvailabilityZone ?? null,
    metadataOptions: {
      // AWS's defaults when the field is absent: IMDSv1 allowed, endpoint on.
      httpTokens: i.MetadataOptions?.HttpTokens ?? "optional",
      httpEndpoint: i.MetadataOptions?.HttpEndpoint ?? "enabled",
      httpPutResponseHopLimit: i.MetadataOptions?.HttpPutResponseHopLimit ?? null,
    },
    publicIp: i.PublicIpAddress ?? null,
    iamInstanceProfile: i.IamInstanceProfile?.Arn ?? null,
    monitoring: i.Monitoring?.State ?? "disabled",
    virtualizationType: i.VirtualizationType ?? null,
    securityGroupIds: (i.SecurityGroups ?? []).flatMap((g) => (g.GroupId ? [g.GroupId] : [])),
    volumeIds: (i.BlockDeviceMappings ?? []).flatMap((m) => (m.Ebs?.VolumeId ? [m.Ebs.VolumeId] : [])),
    autoScalingGroup,
  };
}

function toResource(ctx: AwsContext, region: string, i: Instance, groups: GroupIndex): Resource | null {
  if (i.InstanceId === undefined || i.State?.Name === "terminated") return null;
  const tags = tagsToRecord(i.Tags);
  return makeResource(
    { kind: INSTANCE_KIND, id: i.InstanceId, region, account: ctx.account, name: tags["Name"] ?? null, tags },
    instanceModel(i, groups.byInstance.get(i.InstanceId) ?? null),
    groups.error ? [groups.error] : [],
  );
}

async function describe(ctx: AwsContext, region: string, ids?: string[]): Promise<Instance[]> {
  const client = ctx.clients.ec2(region);
  const reservations = await paginate(
    // MaxResults may not be combined with InstanceIds.
    (token) => send(ctx, client, new DescribeInstancesCommand(ids ? { InstanceIds: ids, NextToken: token } : { NextToken: token, MaxResults: 1000 })),
    (page) => page.Reservations,
    (page) => page.NextToken,
  );
  return reservations.flatMap((r) => r.Instances ?? []);
}

export const ec2InstanceCollector: KindCollector = {
  kind: INSTANCE_KIND,
  permissions: ["ec2:DescribeInstances", "autoscaling:DescribeAutoScalingGroups"],
  scope: "regional",
  async collect(ctx, region) {
    const [instances, groups] = await Promise.all([describe(ctx, region), groupIndex(ctx, region)]);
    return instances.map((i) => toResource(ctx, region, i, groups)).filter((r): r is Resource => r !== null);
  },
  async collectOne(ctx, id, region) {
    try {
      const [instances, groups] = await Promise.all([describe(ctx, region, [id]), groupIndex(ctx, region)]);
      const instance = instances.find((i) => i.InstanceId === id);
      return instance ? toResource(ctx, region, instance, groups) : null;
    } catch (e) {
      if (isAwsError(e, "InvalidInstanceID.NotFound", "InvalidInstanceID.Malformed")) return null;
      throw e;
    }
  },
};
