// Pure decisions on S3 public access: Block Public Access flags, public ACL grants, and
// whether a bucket is public once Block Public Access has been applied, as AWS decides it.
import type { Grant } from "@aws-sdk/client-s3";
import type { PublicAccessBlockModel } from "../kinds/s3-bucket/model.js";

/** The four flags as both s3 and s3control return them. */
export interface PublicAccessBlockFlags {
  BlockPublicAcls?: boolean | undefined;
  IgnorePublicAcls?: boolean | undefined;
  BlockPublicPolicy?: boolean | undefined;
  RestrictPublicBuckets?: boolean | undefined;
}

export const NO_BLOCK: PublicAccessBlockModel = {
  blockPublicAcls: false,
  ignorePublicAcls: false,
  blockPublicPolicy: false,
  restrictPublicBuckets: false,
};

export function toPublicAccessBlock(flags: PublicAccessBlockFlags | null | undefined): PublicAccessBlockModel | null {
  if (!flags) return null;
  return {
    blockPublicAcls: flags.BlockPublicAcls === true,
    ignorePublicAcls: flags.IgnorePublicAcls === true,
    blockPublicPolicy: flags.BlockPublicPolicy === true,
    restrictPublicBuckets: flags.RestrictPublicBuckets === true,
  };
}

export function fromPublicAccessBlock(model: PublicAccessBlockModel): Required<PublicAccessBlockFlags> {
  return {
    BlockPublicAcls: model.blockPublicAcls,
    IgnorePublicAcls: model.ignorePublicAcls,
    BlockPublicPolicy: model.blockPublicPolicy,
    RestrictPublicBuckets: model.restrictPublicBuckets,
  };
}

/** What AWS enforces: a flag is on when it is on at bucket level or at account level. */
export function effectivePublicAccessBlock(
  bucket: PublicAccessBlockModel | null,
  account: PublicAccessBlockModel | null,
): PublicAccessBlockModel {
  const b = bucket ?? NO_BLOCK;
  const a = account ?? NO_BLOCK;
  return {
    blockPublicAcls: b.blockPublicAcls || a.blockPublicAcls,
    ignorePublicAcls: b.ignorePublicAcls || a.ignorePublicAcls,
    blockPublicPolicy: b.blockPublicPolicy || a.blockPublicPolicy,
    restrictPublicBuckets: b.restrictPublicBuckets || a.restrictPublicBuckets,
  };
}

const PUBLIC_GROUPS: ReadonlySet<string> = new Set([
  "http://acs.amazonaws.com/groups/global/AllUsers",
  "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
]);

/** Permissions granted to everyone (AllUsers) or any AWS user (AuthenticatedUsers), sorted. */
export function aclPublicPermissions(grants: readonly Grant[]): string[] {
  const permissions = new Set<string>();
  for (const grant of grants) {
    const uri = grant.Grantee?.URI;
    if (uri !== undefined && PUBLIC_GROUPS.has(uri) && grant.Permission) permissions.add(grant.Permission);
  }
  return [...permissions].sort();
}

export interface PublicInputs {
  aclPublicPermissions: readonly string[];
  /** Object Ownership; BucketOwnerEnforced disables ACLs entirely. */
  objectOwnership: string | null;
  /** The bucket policy grants public access (before Block Public Access). */
  policyPublic: boolean;
  effective: PublicAccessBlockModel;
}

/**
 * Public access that survives Block Public Access. Block* flags only refuse new public
 * ACLs/policies; existing ones stop counting only under IgnorePublicAcls / RestrictPublicBuckets.
 */
export function decidePublic(inputs: PublicInputs): { viaAcl: boolean; viaPolicy: boolean } {
  const aclsApply = inputs.objectOwnership !== "BucketOwnerEnforced" && !inputs.effective.ignorePublicAcls;
  return {
    viaAcl: aclsApply && inputs.aclPublicPermissions.length > 0,
    viaPolicy: inputs.policyPublic && !inputs.effective.restrictPublicBuckets,
  };
}
