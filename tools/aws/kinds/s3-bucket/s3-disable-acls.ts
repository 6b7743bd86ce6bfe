// s3.disable-acls: Object Ownership "BucketOwnerEnforced" (ACLs disabled). S3 refuses that while
// the bucket ACL grants anyone but the owner, so such grants are reset to the private ACL first —
// the same access ACLs stop granting once they are disabled.
import { sdk } from "../../clients.js";
import { z } from "zod";
import { S3BucketModel } from "./model.js";
import type { AutomaticAction } from "../../kind-tools.js";
import { send } from "../../send.js";
import { readFields } from "../../actions/common.js";

const { PutBucketAclCommand, PutBucketOwnershipControlsCommand } = sdk.s3;

const NAME = "s3.disable-acls";
const Params = z.object({}).strict();
const Fields = S3BucketModel.pick({ objectOwnership: true, acl: true });
const ENFORCED = "BucketOwnerEnforced";

export const s3DisableAcls: AutomaticAction<z.infer<typeof Params>> = {
  name: NAME,
  kind: "aws.s3.bucket",
  title: "Disable ACLs on the bucket (Object Ownership: bucket owner enforced)",
  manual: false,
  effect: "tightens",
  permissions: ["s3:PutBucketOwnershipControls", "s3:PutBucketAcl"],
  params: Params,
  plan(resource) {
    const { objectOwnership, acl } = readFields(resource, Fields, NAME);
    if (objectOwnership === ENFORCED) return null;
    // The owner's own FULL_CONTROL grant is the one grant S3 allows with ACLs disabled.
    const resetAcl = acl.grants > 1 || acl.publicPermissions.length > 0;
    return {
      before: { objectOwnership, ...(resetAcl ? { acl } : {}) },
      after: { objectOwnership: ENFORCED, ...(resetAcl ? { acl: { publicPermissions: [], grants: 1 } } : {}) },
      summary: `disable ACLs on bucket ${resource.id} (Object Ownership BucketOwnerEnforced${resetAcl ? "; its ACL is first reset to private, as ACL grants stop applying anyway" : ""})`,
    };
  },
  async apply(ctx, resource) {
    const { acl } = readFields(resource, Fields, NAME);
    const client = ctx.clients.s3(resource.region);
    if (acl.grants > 1 || acl.publicPermissions.length > 0) await send(ctx, client, new PutBucketAclCommand({ Bucket: resource.id, ACL: "private" }));
    await send(ctx, client, new PutBucketOwnershipControlsCommand({
      Bucket: resource.id,
      OwnershipControls: { Rules: [{ ObjectOwnership: ENFORCED }] },
    }));
  },
};
