// Collector for the account's own AMIs: DescribeImages with Owners ["self"] says whether each is public.
import { sdk } from "../../clients.js";
import type { Image } from "@aws-sdk/client-ec2";
import type { Resource } from "../../../../contracts/resource.js";
import { daysSince, isoDate, makeResource, paginate, tagsToRecord } from "../../collectors/common.js";
import { nowOf } from "../../context.js";
import type { AwsContext } from "../../context.js";
import type { KindCollector } from "../../kind-tools.js";
import { isAwsError, send } from "../../send.js";
import { ec2Image } from "./model.js";

const { DescribeImagesCommand } = sdk.ec2;

function encrypted(image: Image): boolean | null {
  const ebs = (image.BlockDeviceMappings ?? []).flatMap((m) => (m.Ebs ? [m.Ebs] : []));
  return ebs.length === 0 ? null : ebs.every((e) => e.Encrypted === true);
}

function toResource(ctx: AwsContext, region: string, image: Image, now: Date): Resource | null {
  if (image.ImageId === undefined) return null;
  const tags = tagsToRecord(image.Tags);
  const deprecationTime = isoDate(image.DeprecationTime);
  return makeResource(
    { kind: ec2Image.name, id: image.ImageId, region, account: ctx.account, name: tags["Name"] ?? image.Name ?? null, tags },
    {
      imageName: image.Name ?? null,
      state: image.State ?? "unknown",
      public: image.Public === true,
      encrypted: encrypted(image),
      creationDate: isoDate(image.CreationDate),
      ageDays: daysSince(image.CreationDate, now),
      deprecationTime,
      deprecated: deprecationTime !== null && Date.parse(deprecationTime) <= now.getTime(),
    },
  );
}

/** "self": without it AWS lists every public AMI in the region too. */
function describe(ctx: AwsContext, region: string, id?: string): Promise<Image[]> {
  const client = ctx.clients.ec2(region);
  const input = id ? { ImageIds: [id] } : { Owners: ["self"], MaxResults: 1000 };
  return paginate(
    (token) => send(ctx, client, new DescribeImagesCommand({ ...input, NextToken: token })),
    (page) => page.Images,
    (page) => page.NextToken,
  );
}

function all(ctx: AwsContext, region: string, images: readonly Image[]): Resource[] {
  const now = nowOf(ctx);
  return images.map((i) => toResource(ctx, region, i, now)).filter((r): r is Resource => r !== null);
}

export const ec2ImageCollector: KindCollector = {
  kind: ec2Image.name,
  permissions: ["ec2:DescribeImages"],
  scope: "regional",
  async collect(ctx, region) {
    return all(ctx, region, await describe(ctx, region));
  },
  async collectOne(ctx, id, region) {
    try {
      const [resource] = all(ctx, region, (await describe(ctx, region, id)).filter((i) => i.ImageId === id && i.OwnerId === ctx.account));
      return resource ?? null;
    } catch (e) {
      if (isAwsError(e, "InvalidAMIID.NotFound", "InvalidAMIID.Malformed", "InvalidAMIID.Unavailable")) return null;
      throw e;
    }
  },
};
