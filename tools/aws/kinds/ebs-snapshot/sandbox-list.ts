// The sandbox's ec2.snapshots list: its schema, the demo account's snapshots and generated ones.
import { tags } from "../../sandbox/build.js";
import { kindSandboxList, scaleDate, scaleId } from "../../sandbox/kind-lists.js";
import { IsoDate, Id, List, Obj, Regional, Tags } from "../../sandbox/schema-parts.js";

export const Snapshot = Obj({ ...Regional, SnapshotId: Id, StartTime: IsoDate.optional(), CreateVolumePermissions: List(Obj({})).optional(), Tags });

export const EBS_SNAPSHOT_LIST = kindSandboxList({
  section: "ec2",
  list: "snapshots",
  id: "SnapshotId",
  schema: Snapshot,
  demo: ({ account, eu, kmsEu, volume, snapshot }) => [
    { SnapshotId: snapshot(1), VolumeId: volume(3), VolumeSize: 500, State: "completed", Progress: "100%", StartTime: "2023-11-01T03:00:00.000Z",
      Description: "reports scratch before migration", OwnerId: account, Encrypted: false, StorageTier: "standard", CreateVolumePermissions: [{ Group: "all" }] },
    { Region: eu, SnapshotId: snapshot(2), VolumeId: volume(4), VolumeSize: 50, State: "completed", Progress: "100%", StartTime: "2024-08-01T03:00:00.000Z",
      Description: "api-1 nightly", OwnerId: account, Encrypted: true, KmsKeyId: kmsEu, StorageTier: "standard", CreateVolumePermissions: [] },
    { SnapshotId: snapshot(3), VolumeId: volume(2), VolumeSize: 8, State: "completed", Progress: "100%", StartTime: "2024-05-01T03:00:00.000Z",
      Description: "bastion root before patching", OwnerId: account, Encrypted: false, StorageTier: "standard", CreateVolumePermissions: [], Tags: tags({ Name: "bastion-pre-patch" }) },
  ],
  // Snapshots of the first volumes: drifted ones are unencrypted, and every other drifted one public.
  scale: {
    share: 0.03,
    phase: 40,
    item: (n, ctx) => {
      const volumes = ctx.items("volumes");
      const source = volumes[n % Math.max(volumes.length, 1)];
      const zone = String(source?.["AvailabilityZone"] ?? `${ctx.regions[0]}a`);
      const region = zone.slice(0, -1);
      const drift = ctx.drifted();
      return {
        ...(region === "us-east-1" ? {} : { Region: region }), SnapshotId: scaleId("snap", n + 1), VolumeId: source?.["VolumeId"] ?? "vol-ffffffff",
        VolumeSize: Number(source?.["Size"] ?? 8), State: "completed", Progress: "100%", StartTime: scaleDate(n), OwnerId: ctx.account, Encrypted: !drift,
        ...(drift ? {} : { KmsKeyId: `arn:aws:kms:${region}:${ctx.account}:key/aws-ebs-default` }), StorageTier: "standard",
        CreateVolumePermissions: drift && n % 2 === 0 ? [{ Group: "all" }] : [], Description: `scale snapshot ${n}`,
      };
    },
  },
});
