import { describe, expect, it } from "vitest";
import type { PublicAccessBlockModel } from "../../tools/aws/kinds/s3-bucket/model.js";
import {
  NO_BLOCK, aclPublicPermissions, decidePublic, effectivePublicAccessBlock,
} from "../../tools/aws/collectors/s3-public.js";

const ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
const AUTH_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
const only = (flags: Partial<PublicAccessBlockModel>): PublicAccessBlockModel => ({ ...NO_BLOCK, ...flags });

describe("when Block Public Access is set at bucket and account level", () => {
  it("enforces each flag that is on at either level", () => {
    const effective = effectivePublicAccessBlock(only({ ignorePublicAcls: true }), only({ restrictPublicBuckets: true }));
    expect(effective).toEqual(only({ ignorePublicAcls: true, restrictPublicBuckets: true }));
    expect(effectivePublicAccessBlock(null, null)).toEqual(NO_BLOCK);
  });
});

describe("when ACL grants are read", () => {
  it("keeps only permissions granted to everyone or to any AWS user", () => {
    const grants = [
      { Grantee: { Type: "Group" as const, URI: ALL_USERS }, Permission: "READ" as const },
      { Grantee: { Type: "Group" as const, URI: AUTH_USERS }, Permission: "WRITE" as const },
      { Grantee: { Type: "Group" as const, URI: ALL_USERS }, Permission: "READ" as const },
      { Grantee: { Type: "CanonicalUser" as const, ID: "owner" }, Permission: "FULL_CONTROL" as const },
      { Grantee: { Type: "Group" as const, URI: "http://acs.amazonaws.com/groups/s3/LogDelivery" }, Permission: "WRITE" as const },
    ];
    expect(aclPublicPermissions(grants)).toEqual(["READ", "WRITE"]);
  });
});

describe("when deciding whether a bucket is public", () => {
  const base = { aclPublicPermissions: [] as string[], objectOwnership: null, policyPublic: false, effective: NO_BLOCK };

  it("counts a public ACL unless public ACLs are ignored or ACLs are disabled", () => {
    expect(decidePublic({ ...base, aclPublicPermissions: ["READ"] }).viaAcl).toBe(true);
    expect(decidePublic({ ...base, aclPublicPermissions: ["READ"], effective: only({ ignorePublicAcls: true }) }).viaAcl).toBe(false);
    expect(decidePublic({ ...base, aclPublicPermissions: ["READ"], objectOwnership: "BucketOwnerEnforced" }).viaAcl).toBe(false);
  });

  it("still counts a public ACL when only new public ACLs are blocked", () => {
    expect(decidePublic({ ...base, aclPublicPermissions: ["READ"], effective: only({ blockPublicAcls: true }) }).viaAcl).toBe(true);
  });

  it("counts a public policy unless public buckets are restricted", () => {
    expect(decidePublic({ ...base, policyPublic: true }).viaPolicy).toBe(true);
    expect(decidePublic({ ...base, policyPublic: true, effective: only({ blockPublicPolicy: true }) }).viaPolicy).toBe(true);
    expect(decidePublic({ ...base, policyPublic: true, effective: only({ restrictPublicBuckets: true }) }).viaPolicy).toBe(false);
  });
});
