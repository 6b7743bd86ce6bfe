// Collector for EFS file systems, with backup, lifecycle, policy and access-point facts.
import { sdk } from "../../clients.js";
import type { FileSystemDescription, LifecyclePolicy } from "@aws-sdk/client-efs";
import type { Resource } from "../../../../contracts/resource.js";
import type { AwsContext } from "../../context.js";
import type { KindCollector } from "../../kind-tools.js";
import { isAwsError, send } from "../../send.js";
import { makeResource, paginate, ReadLog, tagsToRecord } from "../../collectors/common.js";
import { policyStatements, principalIsEveryone } from "../../collectors/s3-policy.js";

const {
  DescribeAccessPointsCommand, DescribeBackupPolicyCommand, DescribeFileSystemPolicyCommand,
  DescribeFileSystemsCommand, DescribeLifecycleConfigurationCommand,
} = sdk.efs;

export const EFS_KIND = "aws.efs.file-system";

/** "TransitionToIA:AFTER_30_DAYS" — one string per transition, so rules can match on it. */
export function lifecycleStrings(policies: readonly LifecyclePolicy[]): string[] {
  return policies.flatMap((p) => Object.entries(p).filter(([, v]) => typeof v === "string").map(([k, v]) => `${k}:${String(v)}`));
}

/**
 * An Allow to principal "*" (or {"AWS": "*"}) with no Condition at all: any client that can reach
 * a mount target may use the file system. An unreadable document grants nothing we can prove.
 */
export function allowsAnyClient(document: string | null): boolean {
  const statements = document === null ? null : policyStatements(document);
  return (statements ?? []).some((s) => s.Effect === "Allow" && principalIsEveryone(s.Principal) && s.Condition === undefined);
}

async function countAccessPoints(ctx: AwsContext, region: string, fileSystemId: string): Promise<number> {
  const client = ctx.clients.efs(region);
  const points = await paginate(
    (token) => send(ctx, client, new DescribeAccessPointsCommand({ FileSystemId: fileSystemId, NextToken: token, MaxResults: 100 })),
    (page) => page.AccessPoints,
    (page) => page.NextToken,
  );
  return points.length;
}

async function toResource(ctx: AwsContext, region: string, fs: FileSystemDescription): Promise<Resource | null> {
  const FileSystemId = fs.FileSystemId;
  if (FileSystemId === undefined) return null;
  const client = ctx.clients.efs(region);
  const log = new ReadLog(["FileSystemNotFound"]);
  const [backupStatus, lifecycle, policy, accessPoints] = await Promise.all([
    log.read(async () => (await send(ctx, client, new DescribeBackupPolicyCommand({ FileSystemId }))).BackupPolicy?.Status ?? null,
      ["PolicyNotFound"], null),
    log.read(async () => (await send(ctx, client, new DescribeLifecycleConfigurationCommand({ FileSystemId }))).LifecyclePolicies ?? [], [], []),
    log.read(async () => (await send(ctx, client, new DescribeFileSystemPolicyCommand({ FileSystemId }))).Policy ?? null,
      ["PolicyNotFound"], null),
    log.read(() => countAccessPoints(ctx, region, FileSystemId), [], 0),
  ]);
  if (log.gone) return null;
  return makeResource(
    { kind: EFS_KIND, id: FileSystemId, region, account: ctx.account, name: fs.Name ?? null, tags: tagsToRecord(fs.Tags) },
    {
      encrypted: fs.Encrypted === true,
      kmsKeyId: fs.KmsKeyId ?? null,
      lifeCycleState: fs.LifeCycleState ?? "unknown",
      performanceMode: fs.PerformanceMode ?? null,
      throughputMode: fs.ThroughputMode ?? null,
      oneZone: fs.AvailabilityZoneName !== undefined,
      availabilityZoneName: fs.AvailabilityZoneName ?? null,
      // ENABLING is what AWS reports right after backups are turned on.
      backup: { enabled: backupStatus === "ENABLED" || backupStatus === "ENABLING", status: backupStatus },
      lifecyclePolicies: lifecycleStrings(lifecycle),
      fileSystemPolicy: { present: policy !== null, allowsAnyClient: allowsAnyClient(policy) },
      mountTargets: fs.NumberOfMountTargets ?? 0,
      accessPoints,
    },
    log.errors,
  );
}

async function describe(ctx: AwsContext, region: string, id?: string): Promise<FileSystemDescription[]> {
  const client = ctx.clients.efs(region);
  return paginate(
    (marker) => send(ctx, client, new DescribeFileSystemsCommand({ Marker: marker, MaxItems: id ? undefined : 100, FileSystemId: id })),
    (page) => page.FileSystems,
    (page) => page.NextMarker,
  );
}

async function all(ctx: AwsContext, region: string, fileSystems: FileSystemDescription[]): Promise<Resource[]> {
  const resources = await Promise.all(fileSystems.map((fs) => toResource(ctx, region, fs)));
  return resources.filter((r): r is Resource => r !== null);
}

export const efsFileSystemCollector: KindCollector = {
  kind: EFS_KIND,
  permissions: [
    "elasticfilesystem:DescribeFileSystems", "elasticfilesystem:DescribeBackupPolicy",
    "elasticfilesystem:DescribeLifecycleConfiguration", "elasticfilesystem:DescribeFileSystemPolicy",
    "elasticfilesystem:DescribeAccessPoints",
  ],
  scope: "regional",
  async collect(ctx, region) {
    return all(ctx, region, await describe(ctx, region));
  },
  async collectOne(ctx, id, region) {
    try {
      const [resource] = await all(ctx, region, (await describe(ctx, region, id)).filter((fs) => fs.FileSystemId === id));
      return resource ?? null;
    } catch (e) {
      if (isAwsError(e, "FileSystemNotFound")) return null;
      throw e;
    }
  },
};
