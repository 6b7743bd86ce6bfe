// The facts an instance borrows from other resources of its region — Auto Scaling membership, its
// security groups' ingress, its volumes' encryption — each listing read once per collection.
import type { Instance } from "@aws-sdk/client-ec2";
import { errorMessage } from "../../../../core/errors.js";
import type { SecurityGroupRuleModel } from "../ec2-security-group/model.js";
import type { AwsContext } from "../../context.js";
import { listAutoScalingGroups } from "../autoscaling-group/collector.js";
import { listVolumes } from "../ebs-volume/collector.js";
import { listSecurityGroups } from "../ec2-security-group/collector.js";
import { flattenPermissions } from "../../collectors/sg-rules.js";

export interface RelatedFacts {
  /** Instance id → the Auto Scaling group listing it (AWS's own membership, not the tag). */
  groupOf: Map<string, string>;
  /** Security-group id → its ingress rules, flattened, each carrying the group id. */
  ingressOf: Map<string, SecurityGroupRuleModel[]>;
  /** Volume id → encrypted. */
  encryptedOf: Map<string, boolean>;
  /** Listings that failed: every instance of the region then carries these as collectErrors. */
  errors: string[];
}

async function attempt<T>(what: string, read: () => Promise<T>, fallback: T, errors: string[]): Promise<T> {
  try {
    return await read();
  } catch (e) {
    errors.push(`${what}: ${errorMessage(e)}`);
    return fallback;
  }
}

async function membership(ctx: AwsContext, region: string): Promise<Map<string, string>> {
  const byInstance = new Map<string, string>();
  for (const group of await listAutoScalingGroups(ctx, region)) {
    for (const i of group.Instances ?? []) {
      if (i.InstanceId && group.AutoScalingGroupName) byInstance.set(i.InstanceId, group.AutoScalingGroupName);
    }
  }
  return byInstance;
}

async function ingress(ctx: AwsContext, region: string, ids: readonly string[] | undefined): Promise<Map<string, SecurityGroupRuleModel[]>> {
  if (ids?.length === 0) return new Map();
  const groups = await listSecurityGroups(ctx, region, ids);
  return new Map(groups.flatMap((g) => (g.GroupId ? [[g.GroupId, flattenPermissions(g.IpPermissions, g.GroupId)] as const] : [])));
}

async function encryption(ctx: AwsContext, region: string, ids: readonly string[] | undefined): Promise<Map<string, boolean>> {
  if (ids?.length === 0) return new Map();
  const volumes = await listVolumes(ctx, region, ids);
  return new Map(volumes.flatMap((v) => (v.VolumeId ? [[v.VolumeId, v.Encrypted === true] as const] : [])));
}

const unique = (values: Iterable<string>): string[] => [...new Set(values)];

/**
 * Reads the related facts of a region's instances: the whole region's groups and volumes once
 * (collection), or only those `instances` name (re-reading one instance).
 */
export async function readRelated(ctx: AwsContext, region: string, instances?: readonly Instance[]): Promise<RelatedFacts> {
  const groupIds = instances && unique(instances.flatMap((i) => (i.SecurityGroups ?? []).flatMap((g) => (g.GroupId ? [g.GroupId] : []))));
  const volumeIds = instances && unique(instances.flatMap((i) => (i.BlockDeviceMappings ?? []).flatMap((m) => (m.Ebs?.VolumeId ? [m.Ebs.VolumeId] : []))));
  const errors: string[] = [];
  const [groupOf, ingressOf, encryptedOf] = await Promise.all([
    attempt("Auto Scaling membership", () => membership(ctx, region), new Map<string, string>(), errors),
    attempt("security groups", () => ingress(ctx, region, groupIds), new Map<string, SecurityGroupRuleModel[]>(), errors),
    attempt("volumes", () => encryption(ctx, region, volumeIds), new Map<string, boolean>(), errors),
  ]);
  // Promise.all settles in any order: keep the messages in a stable one.
  return { groupOf, ingressOf, encryptedOf, errors: errors.sort() };
}
