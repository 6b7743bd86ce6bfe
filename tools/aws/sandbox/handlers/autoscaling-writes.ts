// Auto Scaling writes: UpdateAutoScalingGroup for the settings policies govern (sizes, health
// checks, zones, launch source, capacity rebalancing), validated with Auto Scaling's ValidationError.
import type { UpdateAutoScalingGroupType } from "@aws-sdk/client-auto-scaling";
import { AgpmError } from "../../../../core/errors.js";
import { awsError } from "../errors.js";
import { copy } from "../output.js";
import type { AutoScalingGroupState } from "../schema.js";
import { required } from "./common.js";
import { write } from "./types.js";
import type { HandlerContext, HandlerTable } from "./types.js";

/** Members copied onto the group as given; anything else the sandbox refuses rather than ignores. */
const SIMPLE = [
  "MinSize", "MaxSize", "DesiredCapacity", "DefaultCooldown", "HealthCheckType", "HealthCheckGracePeriod",
  "AvailabilityZones", "VPCZoneIdentifier", "CapacityRebalance", "NewInstancesProtectedFromScaleIn", "MaxInstanceLifetime",
] as const;
const LAUNCH = ["LaunchTemplate", "LaunchConfigurationName", "MixedInstancesPolicy"] as const;
const HEALTH_CHECK_TYPES: ReadonlySet<string> = new Set(["EC2", "ELB", "VPC_LATTICE", "EBS"]);

const invalid = (message: string): Error => awsError("autoscaling", "ValidationError", 400, message);

function groupIn(ctx: HandlerContext, name: string): AutoScalingGroupState {
  const group = ctx.account.lookup.inRegion("groups", ctx.region).find((g) => g["AutoScalingGroupName"] === name) as AutoScalingGroupState | undefined;
  if (!group) throw invalid(`AutoScalingGroup name not found - AutoScalingGroup ${name} not found`);
  return group;
}

function checkRequest(input: UpdateAutoScalingGroupType, group: AutoScalingGroupState): void {
  const unknown = Object.keys(input).filter((k) => k !== "AutoScalingGroupName" && input[k as keyof UpdateAutoScalingGroupType] !== undefined
    && !(SIMPLE as readonly string[]).includes(k) && !(LAUNCH as readonly string[]).includes(k));
  if (unknown.length > 0) {
    throw new AgpmError("SANDBOX_UNSUPPORTED_COMMAND", `The sandbox does not simulate ${unknown.join(", ")} in UpdateAutoScalingGroup`, {
      details: { client: "AutoScalingClient", command: "UpdateAutoScalingGroup", parameter: unknown[0] ?? null },
    });
  }
  if (LAUNCH.filter((k) => input[k] !== undefined).length > 1) {
    throw invalid("Valid requests must contain either LaunchTemplate, LaunchConfigurationName or MixedInstancesPolicy parameter.");
  }
  if (input.HealthCheckType !== undefined && !HEALTH_CHECK_TYPES.has(input.HealthCheckType)) {
    throw invalid(`1 validation error detected: Value '${input.HealthCheckType}' at 'healthCheckType' failed to satisfy constraint: Member must be one of EC2, ELB, VPC_LATTICE, EBS`);
  }
  const min = input.MinSize ?? Number(group["MinSize"] ?? 0);
  const max = input.MaxSize ?? Number(group["MaxSize"] ?? 0);
  const desired = input.DesiredCapacity ?? Number(group["DesiredCapacity"] ?? min);
  if (min > max) throw invalid(`Max bound, ${max}, must be greater than or equal to min bound, ${min}`);
  if (input.DesiredCapacity !== undefined && (desired < min || desired > max)) {
    throw invalid(`Desired capacity:${desired} must be between the specified min size:${min} and max size:${max}`);
  }
}

function updateGroup(input: UpdateAutoScalingGroupType, ctx: HandlerContext): object {
  const group = groupIn(ctx, required(ctx, input.AutoScalingGroupName, "AutoScalingGroupName", "body"));
  checkRequest(input, group);
  const target = group as Record<string, unknown>;
  for (const key of SIMPLE) if (input[key] !== undefined) target[key] = copy(input[key]);
  const launch = LAUNCH.find((k) => input[k] !== undefined);
  if (launch) {
    // A group launches from exactly one source: switching to one drops the others.
    for (const key of LAUNCH) delete target[key];
    target[launch] = copy(input[launch]);
  }
  // New bounds that exclude the current desired capacity move it, as Auto Scaling does.
  if (input.DesiredCapacity === undefined && (input.MinSize !== undefined || input.MaxSize !== undefined)) {
    const desired = Number(target["DesiredCapacity"] ?? 0);
    target["DesiredCapacity"] = Math.min(Math.max(desired, Number(target["MinSize"] ?? 0)), Number(target["MaxSize"] ?? desired));
  }
  return {};
}

export const AUTOSCALING_WRITES: HandlerTable = {
  UpdateAutoScalingGroup: write(updateGroup),
};
