// tags.add-required-tags: guidance for a resource of any kind that lacks required tags. Tag values
// (owner, cost centre, data class) are facts only people know, so agpm never invents them.
import { z } from "zod";
import type { Resource } from "../../../contracts/resource.js";
import { ANY_KIND } from "../kind-tools.js";
import type { ManualAction } from "../kind-tools.js";
import { describeResource } from "./common.js";

const Params = z
  .object({
    /** Required tags: key → the value it must have, or null when any value will do. */
    tags: z.record(z.string().min(1), z.string().nullable()).optional(),
  })
  .strict();
type Params = z.infer<typeof Params>;

/** The required tags the resource lacks or holds with another value, as key → wanted value. */
export function missingTags(resource: Resource, required: Params["tags"]): Array<[string, string | null]> {
  return Object.entries(required ?? {}).filter(([key, value]) => {
    const has = resource.tags[key];
    return has === undefined || (value !== null && has !== value);
  });
}

function tagCommand(r: Resource, tags: Array<[string, string | null]>): string {
  const pairs = tags.map(([k, v]) => ({ k, v: v ?? "<value>" }));
  const ec2 = pairs.map(({ k, v }) => `Key=${k},Value=${v}`).join(" ");
  switch (r.kind) {
    case "aws.ec2.instance": case "aws.ec2.security-group": case "aws.ebs.volume": case "aws.ebs.snapshot":
      return `\`aws ec2 create-tags --resources ${r.id} --tags ${ec2}\``;
    case "aws.efs.file-system": case "aws.efs.access-point":
      return `\`aws efs tag-resource --resource-id ${r.id} --tags ${ec2}\``;
    case "aws.autoscaling.group":
      return `\`aws autoscaling create-or-update-tags --tags ${pairs.map(({ k, v }) => `ResourceId=${r.id},ResourceType=auto-scaling-group,Key=${k},Value=${v},PropagateAtLaunch=true`).join(" ")}\``;
    case "aws.s3.bucket":
      // PutBucketTagging replaces the whole set: the existing tags must be sent again.
      return `\`aws s3api put-bucket-tagging --bucket ${r.id} --tagging 'TagSet=[${[...Object.entries(r.tags).filter(([k]) => !tags.some(([t]) => t === k)).map(([k, v]) => ({ k, v })), ...pairs].map(({ k, v }) => `{Key=${k},Value=${v}}`).join(",")}]'\` (this call replaces the bucket's whole tag set, so it repeats the existing tags)`;
    default:
      return `the service's tagging call, or \`aws resourcegroupstaggingapi tag-resources --resource-arn-list <arn> --tags ${pairs.map(({ k, v }) => `${k}=${v}`).join(",")}\``;
  }
}

export const tagsAddRequiredTags: ManualAction<Params> = {
  name: "tags.add-required-tags",
  kind: ANY_KIND,
  title: "Add the required tags (manual: their values are known only to people)",
  manual: true,
  effect: "tightens",
  permissions: ["tag:TagResources", "ec2:CreateTags", "s3:PutBucketTagging", "elasticfilesystem:TagResource", "autoscaling:CreateOrUpdateTags"],
  params: Params,
  guidance(r, p) {
    const missing = missingTags(r, p.tags);
    const list = missing.length > 0
      ? missing.map(([k, v]) => (v === null ? k : `${k}=${v}`)).join(", ")
      : "the tags your policy requires";
    const tags: Array<[string, string | null]> = missing.length > 0 ? missing : [["<key>", null]];
    return `manual: ${describeResource(r)} lacks ${list}. Tag values identify owners and cost centres, which only people know, so agpm does not make them up. ` +
      `Add them with ${tagCommand(r, tags)} — and in the infrastructure code that created it, so the next deployment does not drop them.`;
  },
};
