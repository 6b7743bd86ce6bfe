// Collector for the regional EBS encryption-by-default setting (id = region).
import { sdk } from "../../clients.js";
import type { Resource } from "../../../../contracts/resource.js";
import type { AwsContext } from "../../context.js";
import type { KindCollector } from "../../kind-tools.js";
import { send } from "../../send.js";
import { makeResource } from "../../collectors/common.js";

const { GetEbsEncryptionByDefaultCommand } = sdk.ec2;

export const EBS_DEFAULT_KIND = "aws.ebs.encryption-by-default";

async function read(ctx: AwsContext, region: string): Promise<Resource> {
  const out = await send(ctx, ctx.clients.ec2(region), new GetEbsEncryptionByDefaultCommand({}));
  return makeResource(
    { kind: EBS_DEFAULT_KIND, id: region, region, account: ctx.account, name: null, tags: {} },
    { enabled: out.EbsEncryptionByDefault === true },
  );
}

export const ebsEncryptionByDefaultCollector: KindCollector = {
  kind: EBS_DEFAULT_KIND,
  permissions: ["ec2:GetEbsEncryptionByDefault"],
  scope: "regional",
  async collect(ctx, region) {
    return [await read(ctx, region)];
  },
  // The id is a region: any other id (or a region the target does not cover) names no setting.
  async collectOne(ctx, id, region) {
    return id === region && ctx.regions.includes(id) ? read(ctx, id) : null;
  },
};
