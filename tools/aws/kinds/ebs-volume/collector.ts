// Collector for EBS volumes.
import { sdk } from "../../clients.js";
import type { Volume } from "@aws-sdk/client-ec2";
import type { Resource } from "../../../../contracts/resource.js";
import type { AwsContext } from "../../context.js";
import type { KindCollector } from "../../kind-tools.js";
import { isAwsError, send } from "../../send.js";
import { makeResource, paginate, tagsToRecord } from "../../collectors/common.js";

const { DescribeVolumesCommand } = sdk.ec2;

export const VOLUME_KIND = "aws.ebs.volume";

function toResource(ctx: AwsContext, region: string, v: Volume): Resource | null {
  if (v.VolumeId === undefined) return null;
  const tags = tagsToRecord(v.Tags);
  return makeResource(
    { kind: VOLUME_KIND, id: v.VolumeId, region, account: ctx.account, name: tags["Name"] ?? null, tags },
    {
      encrypted: v.Encrypted === true,
      kmsKeyId: v.KmsKeyId ?? null,
      sizeGiB: v.Size ?? null,
      volumeType: v.VolumeType ?? null,
      state: v.State ?? "unknown",
      availabilityZone: v.AvailabilityZone ?? null,
      // AWS answers "" for volumes not created from a snapshot.
      snapshotId: v.SnapshotId ? v.SnapshotId : null,
      attachedInstanceIds: (v.Attachments ?? []).flatMap((a) => (a.InstanceId ? [a.InstanceId] : [])),
    },
  );
}

/**
 * The region's volumes; with `ids`, only those (through a volume-id filter, so an id that no
 * longer exists is simply absent instead of failing the whole call).
 */
export function listVolumes(ctx: AwsContext, region: string, ids?: readonly string[]): Promise<Volume[]> {
  const client = ctx.clients.ec2(region);
  const filter = ids ? { Filters: [{ Name: "volume-id", Values: [...ids] }] } : {};
  return paginate(
    (token) => send(ctx, client, new DescribeVolumesCommand({ ...filter, NextToken: token, MaxResults: 500 })),
    (page) => page.Volumes,
    (page) => page.NextToken,
  );
}

async function describe(ctx: AwsContext, region: string, ids?: string[]): Promise<Volume[]> {
  if (!ids) return listVolumes(ctx, region);
  const client = ctx.clients.ec2(region);
  return paginate(
    (token) => send(ctx, client, new DescribeVolumesCommand({ VolumeIds: ids, NextToken: token })),
    (page) => page.Volumes,
    (page) => page.NextToken,
  );
}

export const ebsVolumeCollector: KindCollector = {
  kind: VOLUME_KIND,
  permissions: ["ec2:DescribeVolumes"],
  scope: "regional",
  async collect(ctx, region) {
    return (await describe(ctx, region)).map((v) => toResource(ctx, region, v)).filter((r): r is Resource => r !== null);
  },
  async collectOne(ctx, id, region) {
    try {
      const volume = (await describe(ctx, region, [id])).find((v) => v.VolumeId === id);
      return volume ? toResource(ctx, region, volume) : null;
    } catch (e) {
      if (isAwsError(e, "InvalidVolume.NotFound", "InvalidVolume.Malformed")) return null;
      throw e;
    }
  },
};
