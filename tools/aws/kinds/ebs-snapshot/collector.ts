// Collector for the account's own EBS snapshots, with whether anyone may create a volume from them
// (DescribeSnapshots does not say: createVolumePermission is read per snapshot).
import { sdk } from "../../clients.js";
import type { CreateVolumePermission, Snapshot } from "@aws-sdk/client-ec2";
import type { Resource } from "../../../../contracts/resource.js";
import { nowOf } from "../../context.js";
import type { AwsContext } from "../../context.js";
import type { KindCollector } from "../../kind-tools.js";
import { isAwsError, send } from "../../send.js";
import { daysSince, isoDate, makeResource, paginate, ReadLog, tagsToRecord } from "../../collectors/common.js";

const { DescribeSnapshotAttributeCommand, DescribeSnapshotsCommand } = sdk.ec2;

export const SNAPSHOT_KIND = "aws.ebs.snapshot";

/** Group "all" in createVolumePermission is what makes a snapshot public. */
export function isPublicPermission(permissions: readonly CreateVolumePermission[]): boolean {
  return permissions.some((p) => p.Group === "all");
}

async function toResource(ctx: AwsContext, region: string, s: Snapshot, now: Date): Promise<Resource | null> {
  const SnapshotId = s.SnapshotId;
  if (SnapshotId === undefined) return null;
  const log = new ReadLog(["InvalidSnapshot.NotFound"]);
  const permissions = await log.read(async () => {
    const out = await send(ctx, ctx.clients.ec2(region), new DescribeSnapshotAttributeCommand({ SnapshotId, Attribute: "createVolumePermission" }));
    return out.CreateVolumePermissions ?? [];
  }, [], []);
  if (log.gone) return null;
  const tags = tagsToRecord(s.Tags);
  return makeResource(
    { kind: SNAPSHOT_KIND, id: SnapshotId, region, account: ctx.account, name: tags["Name"] ?? null, tags },
    {
      encrypted: s.Encrypted === true,
      kmsKeyId: s.KmsKeyId ?? null,
      // Copied snapshots carry the placeholder vol-ffffffff: no real source volume.
      volumeId: s.VolumeId && s.VolumeId !== "vol-ffffffff" ? s.VolumeId : null,
      sizeGiB: s.VolumeSize ?? null,
      state: s.State ?? "unknown",
      startTime: isoDate(s.StartTime),
      ageDays: daysSince(s.StartTime, now),
      public: isPublicPermission(permissions),
    },
    log.errors,
  );
}

/** The account's own snapshots ("self": AWS would otherwise list every public snapshot too). */
function describe(ctx: AwsContext, region: string, id?: string): Promise<Snapshot[]> {
  const client = ctx.clients.ec2(region);
  const input = id ? { SnapshotIds: [id] } : { OwnerIds: ["self"], MaxResults: 1000 };
  return paginate(
    (token) => send(ctx, client, new DescribeSnapshotsCommand({ ...input, NextToken: token })),
    (page) => page.Snapshots,
    (page) => page.NextToken,
  );
}

async function all(ctx: AwsContext, region: string, snapshots: readonly Snapshot[]): Promise<Resource[]> {
  const now = nowOf(ctx);
  const resources = await Promise.all(snapshots.map((s) => toResource(ctx, region, s, now)));
  return resources.filter((r): r is Resource => r !== null);
}

export const ebsSnapshotCollector: KindCollector = {
  kind: SNAPSHOT_KIND,
  permissions: ["ec2:DescribeSnapshots", "ec2:DescribeSnapshotAttribute"],
  scope: "regional",
  async collect(ctx, region) {
    return all(ctx, region, await describe(ctx, region));
  },
  async collectOne(ctx, id, region) {
    try {
      const [resource] = await all(ctx, region, (await describe(ctx, region, id)).filter((s) => s.SnapshotId === id));
      return resource ?? null;
    } catch (e) {
      if (isAwsError(e, "InvalidSnapshot.NotFound", "InvalidSnapshot.Malformed", "InvalidSnapshotID.Malformed")) return null;
      throw e;
    }
  },
};
