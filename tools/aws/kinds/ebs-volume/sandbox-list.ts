// The sandbox's ec2.volumes list: its schema, the demo account's volumes and generated ones.
import type { z } from "zod";
import { tags } from "../../sandbox/build.js";
import { kindSandboxList, scaleDate, scaleId, type ScaleContext } from "../../sandbox/kind-lists.js";
import { IsoDate, Id, List, Obj, Regional, Str, Tags } from "../../sandbox/schema-parts.js";

export const Volume = Obj({
  ...Regional,
  VolumeId: Id,
  AvailabilityZone: Str.optional(),
  CreateTime: IsoDate.optional(),
  Attachments: List(Obj({ InstanceId: Str.optional(), AttachTime: IsoDate.optional() })).optional(),
  Tags,
});
export type VolumeInput = z.input<typeof Volume>;

export interface VolumeSpec {
  id: string;
  zone: string;
  sizeGiB: number;
  encrypted: boolean;
  kmsKeyId?: string;
  createTime: string;
  attachedTo?: { instanceId: string; device: string };
  snapshotId?: string;
  name?: string;
}

/** A volume as DescribeVolumes returns it. */
export function volume(s: VolumeSpec): VolumeInput {
  return {
    VolumeId: s.id,
    AvailabilityZone: s.zone,
    CreateTime: s.createTime,
    Size: s.sizeGiB,
    VolumeType: "gp3",
    Iops: 3000,
    Throughput: 125,
    Encrypted: s.encrypted,
    ...(s.encrypted ? { KmsKeyId: s.kmsKeyId ?? `arn:aws:kms:${s.zone.slice(0, -1)}:123456789012:key/aws-ebs-default` } : {}),
    SnapshotId: s.snapshotId ?? "",
    State: s.attachedTo ? "in-use" : "available",
    MultiAttachEnabled: false,
    Attachments: s.attachedTo
      ? [{ AttachTime: s.createTime, Device: s.attachedTo.device, InstanceId: s.attachedTo.instanceId, State: "attached", VolumeId: s.id, DeleteOnTermination: s.attachedTo.device === "/dev/xvda" }]
      : [],
    ...(s.name ? { Tags: tags({ Name: s.name }) } : {}),
  };
}

interface GeneratedInstance {
  InstanceId?: string;
  Placement?: { AvailabilityZone?: string };
  BlockDeviceMappings?: Array<{ Ebs?: { VolumeId?: string } }>;
}

/** Generated instance n, when volume n is its root volume (both are generated in one phase, in turn). */
function rootOf(ctx: ScaleContext, n: number, id: string): { instanceId: string; zone: string } | undefined {
  const owner = ctx.items("instances")[n] as GeneratedInstance | undefined;
  if (owner?.BlockDeviceMappings?.[0]?.Ebs?.VolumeId !== id) return undefined;
  return { instanceId: String(owner.InstanceId), zone: String(owner.Placement?.AvailabilityZone) };
}

export const EBS_VOLUME_LIST = kindSandboxList({
  section: "ec2",
  list: "volumes",
  id: "VolumeId",
  schema: Volume,
  zoned: true,
  demo: ({ us, eu, kmsEu, instance, volume: vol, snapshot }) => {
    const at = (instanceId: string) => ({ instanceId, device: "/dev/xvda" });
    return [
      volume({ id: vol(1), zone: `${us}a`, sizeGiB: 30, encrypted: true, createTime: "2024-02-11T08:30:00.000Z", attachedTo: at(instance(1)), name: "web-1-root" }),
      volume({ id: vol(2), zone: `${us}a`, sizeGiB: 8, encrypted: false, createTime: "2024-04-13T08:30:00.000Z", attachedTo: at(instance(3)), name: "bastion-root" }),
      volume({ id: vol(3), zone: `${us}b`, sizeGiB: 500, encrypted: false, createTime: "2023-11-02T15:12:00.000Z", name: "old-reports-scratch", snapshotId: snapshot(1) }),
      volume({ id: vol(4), zone: `${eu}b`, sizeGiB: 50, encrypted: true, kmsKeyId: kmsEu, createTime: "2024-07-16T08:30:00.000Z", attachedTo: at(instance(6)), name: "api-1-root" }),
      volume({ id: vol(5), zone: `${eu}a`, sizeGiB: 100, encrypted: true, kmsKeyId: kmsEu, createTime: "2024-05-20T10:00:00.000Z", name: "detached-data" }),
      volume({ id: vol(6), zone: `${eu}b`, sizeGiB: 60, encrypted: false, createTime: "2024-01-18T08:30:00.000Z", attachedTo: at(instance(8)), name: "windows-admin-root" }),
    ];
  },
  // In the instances' phase: the first instances each get their root volume, the rest are detached.
  scale: {
    share: 0.24,
    phase: 20,
    item: (n, ctx) => {
      const id = scaleId("vol", n + 1);
      const root = rootOf(ctx, n, id);
      if (root) return volume({ id, zone: root.zone, sizeGiB: 8 + (n % 8) * 8, encrypted: !ctx.drifted(), createTime: scaleDate(n), attachedTo: { instanceId: root.instanceId, device: "/dev/xvda" } });
      const region = ctx.regions[n % ctx.regions.length] as string;
      return volume({ id, zone: `${region}a`, sizeGiB: 100, encrypted: !ctx.drifted(), createTime: scaleDate(n) });
    },
  },
});
