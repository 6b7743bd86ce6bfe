// Sandbox answers for the AMI launch permission: DescribeImageAttribute and ModifyImageAttribute, as EC2 validates them.
// The file keeps "all" as the image's Public flag (as DescribeImages shows it) and named accounts in LaunchPermissions.
import type { DescribeImageAttributeRequest, ImageAttribute, LaunchPermission, ModifyImageAttributeRequest } from "@aws-sdk/client-ec2";
import { AgpmError } from "../../../../core/errors.js";
import { awsError } from "../../sandbox/errors.js";
import { copy } from "../../sandbox/output.js";
import { required } from "../../sandbox/handlers/common.js";
import { dryRun } from "../../sandbox/handlers/ec2-describe.js";
import { sharesRequested } from "../../sandbox/handlers/share-permissions.js";
import { read, write } from "../../sandbox/handlers/types.js";
import type { HandlerContext, HandlerTable } from "../../sandbox/handlers/types.js";

type Item = Record<string, unknown>;

/** Only the owner may read or change an image's launch permission. */
function ownImage(ctx: HandlerContext, id: string): Item {
  const image = ctx.account.lookup.inRegion("images", ctx.region).find((i) => i["ImageId"] === id);
  if (!image) throw awsError("ec2", "InvalidAMIID.NotFound", 400, `The image id '[${id}]' does not exist`);
  if (String(image["OwnerId"] ?? ctx.account.account) !== ctx.account.account) {
    throw awsError("ec2", "AuthFailure", 400, `Not authorized for image:${id}`);
  }
  return image;
}

function launchPermissions(image: Item): LaunchPermission[] {
  const named = copy<LaunchPermission[]>(image["LaunchPermissions"] ?? []).filter((p) => p.Group === undefined);
  return image["Public"] === true ? [{ Group: "all" }, ...named] : named;
}

function describeImageAttribute(input: DescribeImageAttributeRequest, ctx: HandlerContext): ImageAttribute {
  dryRun(input);
  const id = required(ctx, input.ImageId, "ImageId", "body");
  const attribute = required(ctx, input.Attribute, "Attribute", "body");
  const image = ownImage(ctx, id);
  if (attribute !== "launchPermission") {
    throw new AgpmError("SANDBOX_UNSUPPORTED_COMMAND", `The sandbox simulates only the launchPermission attribute of DescribeImageAttribute, not ${attribute}`, {
      details: { client: "EC2Client", command: "DescribeImageAttribute", parameter: "Attribute" },
    });
  }
  return { ImageId: id, LaunchPermissions: launchPermissions(image) };
}

/** What a request adds and removes, from the LaunchPermission form or Attribute/OperationType/UserGroups/UserIds. */
function requested(input: ModifyImageAttributeRequest): { add: LaunchPermission[]; remove: LaunchPermission[] } {
  const shares = sharesRequested({
    list: input.LaunchPermission, groups: input.UserGroups, userIds: input.UserIds, operationType: input.OperationType,
    parameter: "launchPermission", command: "ModifyImageAttribute",
  });
  return shares as { add: LaunchPermission[]; remove: LaunchPermission[] };
}

function modifyImageAttribute(input: ModifyImageAttributeRequest, ctx: HandlerContext): object {
  const image = ownImage(ctx, required(ctx, input.ImageId, "ImageId", "body"));
  const attribute = input.Attribute ?? (input.LaunchPermission || input.UserGroups || input.UserIds ? "launchPermission" : undefined);
  if (attribute !== "launchPermission") {
    throw new AgpmError("SANDBOX_UNSUPPORTED_COMMAND", `The sandbox simulates only the launchPermission attribute of ModifyImageAttribute, not ${attribute ?? "(none)"}`, {
      details: { client: "EC2Client", command: "ModifyImageAttribute", parameter: "Attribute" },
    });
  }
  const { add, remove } = requested(input);
  dryRun(input);
  // Removing a permission that is not there is not an error in EC2.
  const users = new Set(launchPermissions(image).flatMap((p) => (p.UserId ? [p.UserId] : [])));
  let isPublic = image["Public"] === true;
  for (const p of remove) if (p.Group === "all") isPublic = false; else if (p.UserId) users.delete(p.UserId);
  for (const p of add) if (p.Group === "all") isPublic = true; else if (p.UserId) users.add(p.UserId);
  image["Public"] = isPublic;
  image["LaunchPermissions"] = [...users].map((UserId) => ({ UserId }));
  return {};
}

export const EC2_IMAGE_SANDBOX: HandlerTable = {
  DescribeImageAttribute: read(describeImageAttribute),
  ModifyImageAttribute: write(modifyImageAttribute),
};
