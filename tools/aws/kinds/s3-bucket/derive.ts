// The S3 fields collectors derive from others (effective Block Public Access, public via ACL or policy), worked out again for a planned after-state.
import { decidePublic, effectivePublicAccessBlock, NO_BLOCK } from "../../collectors/s3-public.js";
import type { PublicAccessBlockModel } from "./model.js";

type Plain = Readonly<Record<string, unknown>>;
const isPlain = (v: unknown): v is Plain => typeof v === "object" && v !== null && !Array.isArray(v);

export function rederiveAccountBlock(resource: Plain): Record<string, unknown> {
  return { ...resource, effective: (resource.publicAccessBlock as PublicAccessBlockModel | null) ?? NO_BLOCK };
}

export function rederiveBucket(resource: Plain): Record<string, unknown> {
  const effective = effectivePublicAccessBlock(resource.publicAccessBlock as PublicAccessBlockModel | null, resource.accountPublicAccessBlock as PublicAccessBlockModel | null);
  const acl = isPlain(resource.acl) ? resource.acl : {};
  const policy = isPlain(resource.policy) ? resource.policy : {};
  const via = decidePublic({
    aclPublicPermissions: Array.isArray(acl.publicPermissions) ? (acl.publicPermissions as string[]) : [],
    objectOwnership: typeof resource.objectOwnership === "string" ? resource.objectOwnership : null,
    policyPublic: policy.allowsPublic === true,
    effective,
  });
  return { ...resource, effectivePublicAccessBlock: effective, public: via, isPublic: via.viaAcl || via.viaPolicy };
}
