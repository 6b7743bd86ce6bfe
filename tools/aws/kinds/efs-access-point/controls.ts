// EFS access point controls: a root directory and a POSIX user are enforced.
import type { AwsControl } from "../../controls/aws-control.js";
import type { EfsAccessPointModel } from "./model.js";
import type { ModelResource } from "../../../../engine/control.js";

type AccessPoint = ModelResource<typeof EfsAccessPointModel>;

export const efsAccessPointRootDirectory: AwsControl<AccessPoint> = {
  id: "efs.access-point-root-directory",
  kind: "aws.efs.access-point",
  title: "EFS access points enforce a root directory",
  description: "The access point confines clients to a directory below the file system's root; access points are immutable, so a failing one is recreated (manual).",
  severity: "medium",
  benchmarks: ["FSBP-EFS.3"],
  words: [
    "root directory", "root dir", "root path", "enforce a root directory", "subdirectory", "chroot", "not the root",
    "confined directory", "root", "file system root", "root of the file system",
  ],
  build: () => ({
    title: "EFS access point enforces a root directory",
    require: { path: "rootDirectory", op: "neq", value: "/" },
    remediation: { action: "efs.set-access-point-root", params: {} },
  }),
  examples: { compliant: { rootDirectory: "/app" }, noncompliant: { rootDirectory: "/" } },
};

export const efsAccessPointPosixUser: AwsControl<AccessPoint> = {
  id: "efs.access-point-posix-user",
  kind: "aws.efs.access-point",
  title: "EFS access points enforce a user identity",
  description: "The access point sets the POSIX user (uid/gid) for every request through it; access points are immutable, so a failing one is recreated (manual).",
  severity: "medium",
  benchmarks: ["FSBP-EFS.4"],
  words: ["posix user", "posix identity", "user identity", "enforce a user identity", "enforce user identity", "uid", "gid", "posix uid", "run as user", "user and group ids"],
  build: () => ({
    title: "EFS access point enforces a POSIX user",
    require: { path: "posixUser", op: "exists" },
    remediation: { action: "efs.set-access-point-user", params: {} },
  }),
  examples: { compliant: { posixUser: { uid: 1000, gid: 1000 } }, noncompliant: { posixUser: null } },
};
