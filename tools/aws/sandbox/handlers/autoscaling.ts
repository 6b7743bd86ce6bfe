// Auto Scaling commands: groups (with their instances), launch configurations, instance membership,
// and the group update remediations use.
import type {
  AutoScalingGroup,
  AutoScalingGroupNamesType,
  AutoScalingGroupsType,
  AutoScalingInstanceDetails,
  AutoScalingInstancesType,
  DescribeAutoScalingInstancesType,
  Filter,
  LaunchConfiguration,
  LaunchConfigurationNamesType,
  LaunchConfigurationsType,
} from "@aws-sdk/client-auto-scaling";
import { AgpmError } from "../../../../core/errors.js";
import { awsError } from "../errors.js";
import { toOutput } from "../output.js";
import type { AutoScalingGroupState } from "../schema.js";
import { AUTOSCALING_WRITES } from "./autoscaling-writes.js";
import { checkRange, pageOf } from "./common.js";
import { read } from "./types.js";
import type { HandlerContext, HandlerTable } from "./types.js";

type Item = Record<string, unknown>;

const badToken = () => awsError("autoscaling", "InvalidNextToken", 400, "The token provided is not valid.");

function tagMatcher(filters: readonly Filter[] | undefined): (group: Item) => boolean {
  if (!filters || filters.length === 0) return () => true;
  const tests = filters.map((filter) => {
    const name = filter.Name ?? "";
    const values = filter.Values ?? [];
    const tags = (g: Item) => (g["Tags"] as Array<{ Key?: string; Value?: string }> | undefined) ?? [];
    if (name.startsWith("tag:")) return (g: Item) => tags(g).some((t) => t.Key === name.slice(4) && values.includes(t.Value ?? ""));
    if (name === "tag-key") return (g: Item) => tags(g).some((t) => values.includes(t.Key ?? ""));
    if (name === "tag-value") return (g: Item) => tags(g).some((t) => values.includes(t.Value ?? ""));
    throw new AgpmError("SANDBOX_UNSUPPORTED_COMMAND", `The sandbox does not simulate the Auto Scaling filter "${name}"`, {
      details: { client: "AutoScalingClient", command: "DescribeAutoScalingGroups", filter: name },
    });
  });
  return (group) => tests.every((test) => test(group));
}

/** Unknown names are silently left out, as AWS does. */
function named(items: Item[], field: string, names: readonly string[] | undefined): Item[] {
  if (!names || names.length === 0) return items;
  return items.filter((item) => names.includes(String(item[field])));
}

function describeGroups(input: AutoScalingGroupNamesType, ctx: HandlerContext): AutoScalingGroupsType {
  checkRange(ctx, "MaxRecords", input.MaxRecords, 1, 100);
  const matches = tagMatcher(input.Filters);
  const items = named(ctx.account.lookup.inRegion("groups", ctx.region), "AutoScalingGroupName", input.AutoScalingGroupNames).filter(matches);
  const page = pageOf(items, input.NextToken, input.MaxRecords ?? 50, badToken);
  return { AutoScalingGroups: page.items.map((g) => toOutput<AutoScalingGroup>(g, "autoScalingGroup")), ...(page.next ? { NextToken: page.next } : {}) };
}

function describeLaunchConfigurations(input: LaunchConfigurationNamesType, ctx: HandlerContext): LaunchConfigurationsType {
  checkRange(ctx, "MaxRecords", input.MaxRecords, 1, 100);
  const items = named(ctx.account.lookup.inRegion("launchConfigurations", ctx.region), "LaunchConfigurationName", input.LaunchConfigurationNames);
  const page = pageOf(items, input.NextToken, input.MaxRecords ?? 50, badToken);
  const configurations = page.items.map((c) => toOutput<LaunchConfiguration>(c, "launchConfiguration"));
  return { LaunchConfigurations: configurations, ...(page.next ? { NextToken: page.next } : {}) };
}

function describeInstances(input: DescribeAutoScalingInstancesType, ctx: HandlerContext): AutoScalingInstancesType {
  checkRange(ctx, "MaxRecords", input.MaxRecords, 1, 50);
  const details: AutoScalingInstanceDetails[] = [];
  for (const group of ctx.account.lookup.inRegion("groups", ctx.region) as AutoScalingGroupState[]) {
    for (const instance of group.Instances ?? []) {
      if (input.InstanceIds && input.InstanceIds.length > 0 && !input.InstanceIds.includes(instance.InstanceId)) continue;
      const { ProtectedFromScaleIn, ...rest } = toOutput<Item>(instance, "none");
      details.push({ ...(rest as object), AutoScalingGroupName: group.AutoScalingGroupName, ProtectedFromScaleIn: ProtectedFromScaleIn === true } as AutoScalingInstanceDetails);
    }
  }
  const page = pageOf(details, input.NextToken, input.MaxRecords ?? 50, badToken);
  return { AutoScalingInstances: page.items, ...(page.next ? { NextToken: page.next } : {}) };
}

export const AUTOSCALING_HANDLERS: HandlerTable = {
  DescribeAutoScalingGroups: read(describeGroups),
  DescribeLaunchConfigurations: read(describeLaunchConfigurations),
  DescribeAutoScalingInstances: read(describeInstances),
  ...AUTOSCALING_WRITES,
};
