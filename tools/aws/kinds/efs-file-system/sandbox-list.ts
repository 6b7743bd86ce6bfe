// The sandbox's efs.fileSystems list: its schema, the demo account's file systems and generated ones.
import type { z } from "zod";
import { tags } from "../../sandbox/build.js";
import { kindSandboxList, scaleDate, scaleId } from "../../sandbox/kind-lists.js";
import { IsoDate, Id, List, Obj, PolicyDocument, Regional, Str, Tags } from "../../sandbox/schema-parts.js";

export const FileSystem = Obj({
  ...Regional,
  FileSystemId: Id,
  CreationTime: IsoDate.optional(),
  BackupPolicy: Obj({ Status: Str }).nullish(),
  LifecyclePolicies: List(Obj({})).nullish(),
  FileSystemPolicy: PolicyDocument.nullish(),
  Tags,
});
export type FileSystemInput = z.input<typeof FileSystem>;

/** A file system as DescribeFileSystems returns it (no mount targets yet). */
export function fileSystem(id: string, region: string, account: string, name: string, encrypted: boolean, created: string, kmsKeyArn?: string): FileSystemInput {
  return {
    ...(region === "us-east-1" ? {} : { Region: region }),
    OwnerId: account,
    CreationToken: `${name}-token`,
    FileSystemId: id,
    FileSystemArn: `arn:aws:elasticfilesystem:${region}:${account}:file-system/${id}`,
    CreationTime: created,
    LifeCycleState: "available",
    Name: name,
    NumberOfMountTargets: 0,
    SizeInBytes: { Value: 6144, ValueInIA: 0, ValueInStandard: 6144 },
    PerformanceMode: "generalPurpose",
    Encrypted: encrypted,
    ...(encrypted ? { KmsKeyId: kmsKeyArn ?? `arn:aws:kms:${region}:${account}:key/aws-efs-default` } : {}),
    ThroughputMode: "bursting",
    Tags: tags({ Name: name }),
    FileSystemProtection: { ReplicationOverwriteProtection: "ENABLED" },
  };
}

export const EFS_FILE_SYSTEM_LIST = kindSandboxList({
  section: "efs",
  list: "fileSystems",
  id: "FileSystemId",
  schema: FileSystem,
  demo: ({ account, us, eu, kmsEu, fileSystem: fs }) => {
    const a = fileSystem(fs(1), us, account, "shared-home", true, "2023-09-01T12:00:00.000Z");
    const b = fileSystem(fs(2), us, account, "build-cache", false, "2023-10-05T12:00:00.000Z");
    const c = fileSystem(fs(3), eu, account, "api-uploads", true, "2024-03-08T12:00:00.000Z", kmsEu);
    return [
      { ...a, NumberOfMountTargets: 2, BackupPolicy: { Status: "ENABLED" }, LifecyclePolicies: [{ TransitionToIA: "AFTER_30_DAYS" }] },
      { ...b, NumberOfMountTargets: 1, BackupPolicy: { Status: "ENABLED" }, LifecyclePolicies: [],
        // Any client that reaches the mount target may mount and write.
        FileSystemPolicy: { Version: "2012-10-17", Statement: [{ Sid: "OpenToClients", Effect: "Allow", Principal: { AWS: "*" }, Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"] }] } },
      { ...c, NumberOfMountTargets: 1, BackupPolicy: null, LifecyclePolicies: [{ TransitionToIA: "AFTER_14_DAYS" }, { TransitionToPrimaryStorageClass: "AFTER_1_ACCESS" }],
        FileSystemPolicy: { Version: "2012-10-17", Statement: [{ Sid: "EnforceTls", Effect: "Deny", Principal: { AWS: "*" }, Action: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }] } },
    ];
  },
  // Drifted ones are unencrypted or without backups, alternately.
  scale: {
    share: 0.05,
    phase: 30,
    item: (n, ctx) => {
      const region = ctx.regions[n % ctx.regions.length] as string;
      const drift = ctx.drifted();
      return { ...fileSystem(scaleId("fs", n + 1), region, ctx.account, `scale-fs-${n}`, !(drift && n % 2 === 0), scaleDate(n)), BackupPolicy: drift && n % 2 === 1 ? null : { Status: "ENABLED" } };
    },
  },
});
