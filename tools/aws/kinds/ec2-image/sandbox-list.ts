// The sandbox's ec2.images list: its schema, the demo account's AMIs and generated ones.
import { kindSandboxList, scaleDate, scaleId } from "../../sandbox/kind-lists.js";
import { Id, Obj, Regional, Tags } from "../../sandbox/schema-parts.js";

export const Image = Obj({ ...Regional, ImageId: Id, Tags });

export const EC2_IMAGE_LIST = kindSandboxList({
  section: "ec2",
  list: "images",
  id: "ImageId",
  schema: Image,
  demo: ({ account, us, eu, ami, snapshot }) => [
    { ImageId: ami[us], Name: "golden-al2023-2024.06", OwnerId: account, State: "available", Public: false, CreationDate: "2024-06-01T00:00:00.000Z", Architecture: "x86_64", RootDeviceType: "ebs", VirtualizationType: "hvm",
      BlockDeviceMappings: [{ DeviceName: "/dev/xvda", Ebs: { SnapshotId: snapshot(1), VolumeSize: 8, Encrypted: true } }] },
    // Shared with everyone by mistake when the EU build account was merged in.
    { Region: eu, ImageId: ami[eu], Name: "ops-arm64-2024.03", OwnerId: account, State: "available", Public: true, CreationDate: "2024-03-01T00:00:00.000Z", Architecture: "arm64", RootDeviceType: "ebs", VirtualizationType: "hvm",
      BlockDeviceMappings: [{ DeviceName: "/dev/xvda", Ebs: { SnapshotId: snapshot(2), VolumeSize: 8, Encrypted: false } }] },
  ],
  // The account's AMIs, each from one of the snapshots: drifted ones are shared with everyone.
  scale: {
    share: 0.02,
    phase: 60,
    item: (n, ctx) => {
      const snapshots = ctx.items("snapshots");
      const snap = snapshots[n % Math.max(snapshots.length, 1)];
      const region = ctx.regions[n % ctx.regions.length] as string;
      return {
        ...(region === "us-east-1" ? {} : { Region: region }), ImageId: scaleId("ami", n + 1), Name: `scale-image-${n}`, OwnerId: ctx.account,
        State: "available", Public: ctx.drifted(), CreationDate: scaleDate(n), Architecture: "x86_64", RootDeviceType: "ebs", VirtualizationType: "hvm",
        BlockDeviceMappings: [{ DeviceName: "/dev/xvda", Ebs: { SnapshotId: snap?.["SnapshotId"] ?? "snap-ffffffff", VolumeSize: 8, Encrypted: snap?.["Encrypted"] ?? false } }],
      };
    },
  },
});
