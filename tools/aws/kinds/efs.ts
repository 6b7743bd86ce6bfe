// EFS kinds: file systems and access points.
import { z } from "zod";
import type { KindDefinition } from "../../../engine/kind.js";

export const EfsFileSystemModel = z.object({
  encrypted: z.boolean(),
  kmsKeyId: z.string().nullable(),
  lifeCycleState: z.string(),
  performanceMode: z.string().nullable(),
  throughputMode: z.string().nullable(),
  /** True for One Zone file systems. */
  oneZone: z.boolean(),
  availabilityZoneName: z.string().nullable(),
  backup: z.object({
    enabled: z.boolean(),
    /** ENABLED | ENABLING | DISABLED | DISABLING, or null when no backup policy exists. */
    status: z.string().nullable(),
  }),
  lifecyclePolicies: z.array(z.string()),
  fileSystemPolicy: z.object({
    present: z.boolean(),
    /** An Allow to principal "*" (or {"AWS": "*"}) without a Condition: any NFS client may mount. */
    allowsAnyClient: z.boolean(),
  }),
  mountTargets: z.number().int(),
  accessPoints: z.number().int(),
});

export const efsFileSystem: KindDefinition = {
  name: "aws.efs.file-system",
  noun: "EFS file system",
  plural: "EFS file systems",
  service: "efs",
  idField: "file-system id",
  words: ["efs", "elastic file system", "file system", "file systems", "filesystem", "filesystems", "nfs", "efs file system", "shared storage"],
  model: EfsFileSystemModel,
};

export const EfsAccessPointModel = z.object({
  fileSystemId: z.string(),
  /** RootDirectory.Path; "/" when the access point does not set one (the file system's root). */
  rootDirectory: z.string(),
  /** The POSIX identity every request through the access point uses; null when not enforced. */
  posixUser: z.object({ uid: z.number().int(), gid: z.number().int() }).nullable(),
});

export const efsAccessPoint: KindDefinition = {
  name: "aws.efs.access-point",
  noun: "EFS access point",
  plural: "EFS access points",
  service: "efs",
  idField: "access-point id",
  words: ["access point", "access points", "efs access point"],
  model: EfsAccessPointModel,
};
