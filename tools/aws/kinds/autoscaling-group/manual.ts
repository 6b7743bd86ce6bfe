// Manual Auto Scaling remediations: changes that depend on the network, the load balancer's health
// check or the launch configuration — each wrong choice replaces healthy instances, so guidance only.
import { z } from "zod";
import { AutoScalingGroupModel } from "./model.js";
import type { ManualAction } from "../../kind-tools.js";
import { describeResource, readFields } from "../../actions/common.js";

const NoParams = z.object({}).strict();
type NoParams = z.infer<typeof NoParams>;
const KIND = "aws.autoscaling.group";

export const autoscalingSpreadAzs: ManualAction<NoParams> = {
  name: "autoscaling.spread-azs",
  kind: KIND,
  title: "Spread the Auto Scaling group over several Availability Zones (manual: choose subnets)",
  manual: true,
  effect: "tightens",
  permissions: ["autoscaling:UpdateAutoScalingGroup"],
  params: NoParams,
  guidance(r) {
    const { availabilityZones, minSize } = readFields(r, AutoScalingGroupModel.pick({ availabilityZones: true, minSize: true }), "autoscaling.spread-azs");
    return `manual: Auto Scaling group ${describeResource(r)} runs in ${availabilityZones.length} Availability Zone(s) (${availabilityZones.join(", ") || "none"}), ` +
      "so one zone's outage stops it. Pick a subnet of the same VPC in at least one more zone and set both: " +
      `\`aws autoscaling update-auto-scaling-group --auto-scaling-group-name ${r.id} --vpc-zone-identifier "<subnet-in-zone-a>,<subnet-in-zone-b>"\`. ` +
      "Enable the load balancer in those zones too" +
      (minSize < 2 ? `, and raise the minimum size from ${minSize} to at least 2 so each zone keeps an instance` : "") + ".";
  },
};

export const autoscalingUseElbHealthCheck: ManualAction<NoParams> = {
  name: "autoscaling.use-elb-health-check",
  kind: KIND,
  title: "Use the load balancer's health check for the group (manual: verify the check first)",
  manual: true,
  effect: "tightens",
  permissions: ["autoscaling:UpdateAutoScalingGroup"],
  params: NoParams,
  guidance(r) {
    const { healthCheckType } = readFields(r, AutoScalingGroupModel.pick({ healthCheckType: true }), "autoscaling.use-elb-health-check");
    return `manual: Auto Scaling group ${describeResource(r)} sits behind a load balancer but replaces instances on ${healthCheckType} health checks only, ` +
      "so an instance whose application is down keeps receiving traffic. First confirm the target group's health check (path, port, thresholds) passes on " +
      "healthy instances — otherwise the group would replace them in a loop — then run " +
      `\`aws autoscaling update-auto-scaling-group --auto-scaling-group-name ${r.id} --health-check-type ELB --health-check-grace-period 300\` ` +
      "(a grace period longer than the instances' start-up time).";
  },
};

export const autoscalingUseLaunchTemplate: ManualAction<NoParams> = {
  name: "autoscaling.use-launch-template",
  kind: KIND,
  title: "Move the group from a launch configuration to a launch template (manual)",
  manual: true,
  effect: "tightens",
  permissions: ["ec2:CreateLaunchTemplate", "autoscaling:UpdateAutoScalingGroup", "autoscaling:StartInstanceRefresh"],
  params: NoParams,
  guidance(r) {
    const { launchConfigurationName } = readFields(r, AutoScalingGroupModel.pick({ launchConfigurationName: true }), "autoscaling.use-launch-template");
    return `manual: Auto Scaling group ${describeResource(r)} launches from ${launchConfigurationName ? `launch configuration ${launchConfigurationName}` : "no launch template"}. ` +
      "Launch configurations are deprecated and lack newer settings (IMDSv2 defaults, mixed instance types). Copy it to a launch template " +
      "(the console's \"Copy to launch template\", or `aws ec2 create-launch-template` with the same AMI, type, key, security groups and user data, " +
      "plus MetadataOptions HttpTokens=required), switch the group: " +
      `\`aws autoscaling update-auto-scaling-group --auto-scaling-group-name ${r.id} --launch-template LaunchTemplateName=<template>,Version='$Latest'\`, ` +
      `and replace running instances gradually with \`aws autoscaling start-instance-refresh --auto-scaling-group-name ${r.id}\`.`;
  },
};

export const autoscalingUseMultipleInstanceTypes: ManualAction<NoParams> = {
  name: "autoscaling.use-multiple-instance-types",
  kind: KIND,
  title: "Let the group launch several instance types (manual: choose equivalents)",
  manual: true,
  effect: "tightens",
  permissions: ["autoscaling:UpdateAutoScalingGroup"],
  params: NoParams,
  guidance(r) {
    const { instanceTypes, launchTemplate } = readFields(r, AutoScalingGroupModel.pick({ instanceTypes: true, launchTemplate: true }), "autoscaling.use-multiple-instance-types");
    const now = instanceTypes.length > 0 ? `only ${instanceTypes.join(", ")}` : "a single instance type";
    return `manual: Auto Scaling group ${describeResource(r)} launches ${now}, so a capacity shortage of that type in a zone blocks scaling. ` +
      "Choose at least one more type with the same architecture and similar vCPU and memory (e.g. the same size in a sibling family) that the AMI supports, " +
      (launchTemplate ? "" : "move the group to a launch template first (autoscaling.use-launch-template), ") +
      `then set a mixed instances policy: \`aws autoscaling update-auto-scaling-group --auto-scaling-group-name ${r.id} --mixed-instances-policy file://mixed.json\` ` +
      "with the launch template and Overrides listing each type.";
  },
};
