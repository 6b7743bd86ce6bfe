// aws.efs.file-system: an EFS file system, its encryption, backup, lifecycle, zones and file-system policy.
import { z } from "zod";
import type { KindDefinition } from "../../../../engine/kind.js";

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
