// Collector for EFS access points: the directory and POSIX identity each one enforces.
import { sdk } from "../../clients.js";
import type { AccessPointDescription } from "@aws-sdk/client-efs";
import type { Resource } from "../../../../contracts/resource.js";
import type { AwsContext } from "../../context.js";
import type { KindCollector } from "../../kind-tools.js";
import { isAwsError, send } from "../../send.js";
import { makeResource, paginate, tagsToRecord } from "../../collectors/common.js";

const { DescribeAccessPointsCommand } = sdk.efs;

export const ACCESS_POINT_KIND = "aws.efs.access-point";

function toResource(ctx: AwsContext, region: string, a: AccessPointDescription): Resource | null {
  if (a.AccessPointId === undefined) return null;
  const tags = tagsToRecord(a.Tags);
  const user = a.PosixUser;
  return makeResource(
    { kind: ACCESS_POINT_KIND, id: a.AccessPointId, region, account: ctx.account, name: a.Name ?? tags["Name"] ?? null, tags },
    {
      fileSystemId: a.FileSystemId ?? "",
      // Without a RootDirectory, clients see the whole file system.
      rootDirectory: a.RootDirectory?.Path || "/",
      posixUser: user?.Uid !== undefined && user.Gid !== undefined ? { uid: user.Uid, gid: user.Gid } : null,
    },
  );
}

function describe(ctx: AwsContext, region: string, id?: string): Promise<AccessPointDescription[]> {
  const client = ctx.clients.efs(region);
  const input = id ? { AccessPointId: id } : { MaxResults: 100 };
  return paginate(
    (token) => send(ctx, client, new DescribeAccessPointsCommand({ ...input, NextToken: token })),
    (page) => page.AccessPoints,
    (page) => page.NextToken,
  );
}

export const efsAccessPointCollector: KindCollector = {
  kind: ACCESS_POINT_KIND,
  permissions: ["elasticfilesystem:DescribeAccessPoints"],
  scope: "regional",
  async collect(ctx, region) {
    return (await describe(ctx, region)).map((a) => toResource(ctx, region, a)).filter((r): r is Resource => r !== null);
  },
  async collectOne(ctx, id, region) {
    try {
      const point = (await describe(ctx, region, id)).find((a) => a.AccessPointId === id);
      return point ? toResource(ctx, region, point) : null;
    } catch (e) {
      if (isAwsError(e, "AccessPointNotFound")) return null;
      throw e;
    }
  },
};
