// Collector for EC2 instances (terminated ones are gone, as far as policy is concerned), with the
// ingress and volume encryption they inherit and their age, measured on the context's clock.
import { sdk } from "../../clients.js";
import type { Instance } from "@aws-sdk/client-ec2";
import type { Resource } from "../../../../contracts/resource.js";
import { nowOf } from "../../context.js";
import type { AwsContext } from "../../context.js";
import type { KindCollector } from "../../kind-tools.js";
import { isAwsError, send } from "../../send.js";
import { daysSince, isoDate, makeResource, paginate, tagsToRecord } from "../../collectors/common.js";
import { readRelated } from "./related.js";
import type { RelatedFacts } from "./related.js";

const { DescribeInstancesCommand } = sdk.ec2;

export const INSTANCE_KIND = "aws.ec2.instance";

/** "User initiated (2024-01-02 03:04:05 GMT)" → that moment; null for reasons without a date. */
export function stoppedAt(reason: string | undefined): Date | null {
  const match = /\((\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) GMT\)/.exec(reason ?? "");
  if (!match) return null;
  const at = new Date(`${match[1]}T${match[2]}Z`);
  return Number.isNaN(at.getTime()) ? null : at;
}

const ids = <T>(items: readonly T[] | undefined, id: (item: T) => string | undefined): string[] =>
  (items ?? []).flatMap((item) => {
    const value = id(item);
    return value ? [value] : [];
  });

export function instanceModel(i: Instance, related: RelatedFacts, now: Date): Record<string, unknown> {
  const state = i.State?.Name ?? "unknown";
  const securityGroupIds = ids(i.SecurityGroups, (g) => g.GroupId);
  const volumeIds = ids(i.BlockDeviceMappings, (m) => m.Ebs?.VolumeId);
  return {
    instanceType: i.InstanceType ?? null,
    state,
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
    securityGroupIds,
    volumeIds,
    autoScalingGroup: i.InstanceId ? (related.groupOf.get(i.InstanceId) ?? null) : null,
    ingress: securityGroupIds.flatMap((id) => related.ingressOf.get(id) ?? []),
    // A volume missing from the listing was detached or deleted meanwhile: it is not attached.
    volumes: volumeIds.flatMap((volumeId) => {
      const encrypted = related.encryptedOf.get(volumeId);
      return encrypted === undefined ? [] : [{ volumeId, encrypted }];
    }),
    ageDays: daysSince(i.LaunchTime, now),
    stoppedDays: state === "stopped" ? daysSince(stoppedAt(i.StateTransitionReason), now) : null,
  };
}

function toResource(ctx: AwsContext, region: string, i: Instance, related: RelatedFacts, now: Date): Resource | null {
  if (i.InstanceId === undefined || i.State?.Name === "terminated") return null;
  const tags = tagsToRecord(i.Tags);
  return makeResource(
    { kind: INSTANCE_KIND, id: i.InstanceId, region, account: ctx.account, name: tags["Name"] ?? null, tags },
    instanceModel(i, related, now),
    related.errors,
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
  permissions: ["ec2:DescribeInstances", "ec2:DescribeSecurityGroups", "ec2:DescribeVolumes", "autoscaling:DescribeAutoScalingGroups"],
  scope: "regional",
  async collect(ctx, region) {
    // Groups and volumes are listed once for the region, never per instance.
    const [instances, related] = await Promise.all([describe(ctx, region), readRelated(ctx, region)]);
    const now = nowOf(ctx);
    return instances.map((i) => toResource(ctx, region, i, related, now)).filter((r): r is Resource => r !== null);
  },
  async collectOne(ctx, id, region) {
    try {
      const instance = (await describe(ctx, region, [id])).find((i) => i.InstanceId === id);
      if (!instance) return null;
      return toResource(ctx, region, instance, await readRelated(ctx, region, [instance]), nowOf(ctx));
    } catch (e) {
      if (isAwsError(e, "InvalidInstanceID.NotFound", "InvalidInstanceID.Malformed")) return null;
      throw e;
    }
  },
};
