// An independent reading of the raw sandbox JSON: which resources are drifted, decided
// directly from the AWS shapes, so the tests never check agpm against itself.
import type { SandboxJson } from "./cli.js";

type Flags = Partial<Record<"BlockPublicAcls" | "IgnorePublicAcls" | "BlockPublicPolicy" | "RestrictPublicBuckets", boolean>>;
const PUBLIC_GROUPS = ["http://acs.amazonaws.com/groups/global/AllUsers", "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"];

function regionOf(resource: Record<string, unknown>, fallback: string): string {
  if (typeof resource.Region === "string") return resource.Region;
  const az = (resource.Placement as { AvailabilityZone?: string } | undefined)?.AvailabilityZone ?? (resource.AvailabilityZone as string | undefined);
  return az ? az.replace(/[a-z]$/, "") : fallback;
}

export function unencryptedBuckets(doc: SandboxJson): string[] {
  return doc.s3.buckets.filter((b) => !(b.Encryption as { Rules?: unknown[] } | null | undefined)?.Rules?.length).map((b) => b.Name).sort();
}

export function publicBuckets(doc: SandboxJson): string[] {
  const account = (doc.s3.accountPublicAccessBlock ?? {}) as Flags;
  return doc.s3.buckets
    .filter((b) => {
      const own = (b.PublicAccessBlock ?? {}) as Flags;
      const grants = ((b.Acl as { Grants?: Array<{ Grantee?: { URI?: string } }> } | undefined)?.Grants ?? []);
      const aclPublic = grants.some((g) => PUBLIC_GROUPS.includes(g.Grantee?.URI ?? "")) && !(own.IgnorePublicAcls || account.IgnorePublicAcls);
      const policy = typeof b.Policy === "string" ? JSON.parse(b.Policy) : b.Policy;
      const statements = ((policy as { Statement?: unknown[] } | null)?.Statement ?? []) as Array<{ Effect?: string; Principal?: unknown; Condition?: unknown }>;
      const anyone = (p: unknown) => p === "*" || (typeof p === "object" && p !== null && ((p as { AWS?: unknown }).AWS === "*" || (Array.isArray((p as { AWS?: unknown }).AWS) && ((p as { AWS: unknown[] }).AWS).includes("*"))));
      const policyPublic = statements.some((s) => s.Effect === "Allow" && anyone(s.Principal) && !s.Condition) && !(own.RestrictPublicBuckets || account.RestrictPublicBuckets);
      return aclPublic || policyPublic;
    })
    .map((b) => b.Name)
    .sort();
}

export function imdsV1Instances(doc: SandboxJson, region?: string): string[] {
  return doc.ec2.instances
    .filter((i) => (i.MetadataOptions as { HttpTokens?: string }).HttpTokens !== "required" && (i.MetadataOptions as { HttpEndpoint?: string }).HttpEndpoint !== "disabled")
    .filter((i) => !region || regionOf(i, doc.region) === region)
    .map((i) => i.InstanceId)
    .sort();
}

export function instancesOutsideAsg(doc: SandboxJson): string[] {
  const listed = new Set(doc.autoscaling.groups.flatMap((g) => (g.Instances ?? []).map((i) => i.InstanceId)));
  return doc.ec2.instances
    .filter((i) => !["terminated", "shutting-down"].includes((i.State as { Name?: string }).Name ?? ""))
    .filter((i) => !listed.has(i.InstanceId))
    .map((i) => i.InstanceId)
    .sort();
}

export function unencryptedFileSystems(doc: SandboxJson): string[] {
  return doc.efs.fileSystems.filter((f) => f.Encrypted !== true).map((f) => f.FileSystemId).sort();
}
