// aws.efs.access-point: an EFS access point, its root directory and POSIX user.
import { z } from "zod";
import type { KindDefinition } from "../../../../engine/kind.js";

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
