// The sandbox's efs.accessPoints list: its schema, the demo account's access points and generated ones.
import { tags } from "../../sandbox/build.js";
import { kindSandboxList, scaleId } from "../../sandbox/kind-lists.js";
import { Id, Obj, Regional, Tags } from "../../sandbox/schema-parts.js";

export const AccessPoint = Obj({ ...Regional, AccessPointId: Id, FileSystemId: Id, Tags });

export const EFS_ACCESS_POINT_LIST = kindSandboxList({
  section: "efs",
  list: "accessPoints",
  id: "AccessPointId",
  schema: AccessPoint,
  demo: ({ account, us, fileSystem }) => [{
    AccessPointId: "fsap-0a1b2c3d4e5f00001", AccessPointArn: `arn:aws:elasticfilesystem:${us}:${account}:access-point/fsap-0a1b2c3d4e5f00001`,
    FileSystemId: fileSystem(1), Name: "home-users", OwnerId: account, LifeCycleState: "available",
    PosixUser: { Uid: 1000, Gid: 1000 }, RootDirectory: { Path: "/home" }, Tags: tags({ Name: "home-users" }),
  }, {
    // The whole file system, as whatever user the client claims to be.
    AccessPointId: "fsap-0a1b2c3d4e5f00002", AccessPointArn: `arn:aws:elasticfilesystem:${us}:${account}:access-point/fsap-0a1b2c3d4e5f00002`,
    FileSystemId: fileSystem(2), Name: "ci-cache", OwnerId: account, LifeCycleState: "available", Tags: tags({ Name: "ci-cache" }),
  }],
  // Access points on the file systems: drifted ones expose "/" without a POSIX user.
  scale: {
    share: 0.02,
    phase: 70,
    item: (n, ctx) => {
      const fileSystems = ctx.items("fileSystems");
      const drift = ctx.drifted();
      return {
        AccessPointId: scaleId("fsap", n + 1), FileSystemId: String(fileSystems[n % Math.max(fileSystems.length, 1)]?.["FileSystemId"] ?? scaleId("fs", 1)), Name: `scale-ap-${n}`,
        OwnerId: ctx.account, LifeCycleState: "available",
        ...(drift ? {} : { PosixUser: { Uid: 1000 + (n % 50), Gid: 1000 }, RootDirectory: { Path: `/app-${n}` } }),
      };
    },
  },
});
