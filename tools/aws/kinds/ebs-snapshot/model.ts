// aws.ebs.snapshot: a snapshot the account owns, its encryption and whether anyone may restore it.
import { z } from "zod";
import type { KindDefinition } from "../../../../engine/kind.js";

export const EbsSnapshotModel = z.object({
  encrypted: z.boolean(),
  kmsKeyId: z.string().nullable(),
  volumeId: z.string().nullable(),
  sizeGiB: z.number().nullable(),
  /** pending | completed | error | recoverable | recovering */
  state: z.string(),
  startTime: z.string().nullable(),
  /** Whole days since StartTime, at collection time; null when unknown. */
  ageDays: z.number().int().nullable(),
  /** Anyone may create a volume from it (createVolumePermission has Group "all"). */
  public: z.boolean(),
});

export const ebsSnapshot: KindDefinition = {
  name: "aws.ebs.snapshot",
  noun: "EBS snapshot",
  plural: "EBS snapshots",
  service: "ec2",
  idField: "snapshot id",
  words: ["snapshot", "snapshots", "ebs snapshot"],
  model: EbsSnapshotModel,
};
