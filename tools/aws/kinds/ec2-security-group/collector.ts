// Collector for EC2 security groups, with ingress/egress flattened to one rule per source.
import { sdk } from "../../clients.js";
import type { SecurityGroup } from "@aws-sdk/client-ec2";
import type { Resource } from "../../../../contracts/resource.js";
import type { AwsContext } from "../../context.js";
import type { KindCollector } from "../../kind-tools.js";
import { isAwsError, send } from "../../send.js";
import { makeResource, paginate, tagsToRecord } from "../../collectors/common.js";
import { flattenPermissions } from "../../collectors/sg-rules.js";

const { DescribeSecurityGroupsCommand } = sdk.ec2;

export const SECURITY_GROUP_KIND = "aws.ec2.security-group";

function toResource(ctx: AwsContext, region: string, g: SecurityGroup): Resource | null {
  if (g.GroupId === undefined) return null;
  const tags = tagsToRecord(g.Tags);
  const ingress = flattenPermissions(g.IpPermissions, g.GroupId);
  const egress = flattenPermissions(g.IpPermissionsEgress, g.GroupId);
  return makeResource(
    { kind: SECURITY_GROUP_KIND, id: g.GroupId, region, account: ctx.account, name: tags["Name"] ?? g.GroupName ?? null, tags },
    {
      groupName: g.GroupName ?? "",
      description: g.Description ?? null,
      vpcId: g.VpcId ?? null,
      isDefault: g.GroupName === "default",
      ingress,
      egress,
      ruleCount: ingress.length + egress.length,
      launchWizard: (g.GroupName ?? "").startsWith("launch-wizard"),
    },
  );
}

/**
 * The region's security groups; with `ids`, only those (through a group-id filter, so an id that
 * no longer exists is simply absent instead of failing the whole call).
 */
export function listSecurityGroups(ctx: AwsContext, region: string, ids?: readonly string[]): Promise<SecurityGroup[]> {
  const client = ctx.clients.ec2(region);
  const filter = ids ? { Filters: [{ Name: "group-id", Values: [...ids] }] } : {};
  return paginate(
    (token) => send(ctx, client, new DescribeSecurityGroupsCommand({ ...filter, NextToken: token, MaxResults: 1000 })),
    (page) => page.SecurityGroups,
    (page) => page.NextToken,
  );
}

async function describe(ctx: AwsContext, region: string, ids?: string[]): Promise<SecurityGroup[]> {
  if (!ids) return listSecurityGroups(ctx, region);
  const client = ctx.clients.ec2(region);
  return paginate(
    (token) => send(ctx, client, new DescribeSecurityGroupsCommand({ GroupIds: ids, NextToken: token })),
    (page) => page.SecurityGroups,
    (page) => page.NextToken,
  );
}

export const ec2SecurityGroupCollector: KindCollector = {
  kind: SECURITY_GROUP_KIND,
  permissions: ["ec2:DescribeSecurityGroups"],
  scope: "regional",
  async collect(ctx, region) {
    return (await describe(ctx, region)).map((g) => toResource(ctx, region, g)).filter((r): r is Resource => r !== null);
  },
  async collectOne(ctx, id, region) {
    try {
      const group = (await describe(ctx, region, [id])).find((g) => g.GroupId === id);
      return group ? toResource(ctx, region, group) : null;
    } catch (e) {
      if (isAwsError(e, "InvalidGroup.NotFound", "InvalidGroupId.Malformed", "InvalidGroupId.NotFound")) return null;
      throw e;
    }
  },
};
