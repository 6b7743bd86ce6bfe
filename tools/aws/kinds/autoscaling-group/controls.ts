// Auto Scaling group controls: Availability Zones, ELB health checks, capacity rebalancing,
// launch templates and instance-type diversity.
import type { AwsControl } from "../../controls/aws-control.js";
import type { AutoScalingGroupModel } from "./model.js";
import type { ControlDefinition, ModelResource } from "../../../../engine/control.js";

type Group = ModelResource<typeof AutoScalingGroupModel>;

export const autoScalingMultiAz: AwsControl<Group> = {
  id: "autoscaling.multi-az",
  kind: "aws.autoscaling.group",
  title: "Auto Scaling groups span multiple Availability Zones",
  description: "The group launches instances in at least two Availability Zones, so losing one zone does not take the workload down; spreading it is manual (subnets per zone).",
  severity: "medium",
  benchmarks: ["FSBP-AutoScaling.2"],
  words: [
    "multi-az", "multi az", "multiple availability zones", "multiple azs", "several availability zones",
    "at least two availability zones", "across availability zones", "across azs", "availability zones", "az spread",
    "spread across zones", "single az", "single-az", "zone redundant", "highly available", "azs", "availability zone",
    "spread over", "spread across", "span",
  ],
  build: () => ({
    title: "Auto Scaling group spans at least two Availability Zones",
    // An index path: a second zone exists exactly when the list has two or more entries.
    require: { path: "availabilityZones.1", op: "exists" },
    remediation: { action: "autoscaling.spread-azs", params: {} },
  }),
  examples: { compliant: { availabilityZones: ["eu-west-1a", "eu-west-1b"] }, noncompliant: { availabilityZones: ["eu-west-1a"] } },
};

export const autoScalingElbHealthCheck: AwsControl<Group> = {
  id: "autoscaling.elb-health-check",
  kind: "aws.autoscaling.group",
  title: "Auto Scaling groups behind a load balancer use ELB health checks",
  description: "A group attached to a load balancer or target group replaces instances the load balancer finds unhealthy, not only those EC2 status checks fail; groups without one are not applicable.",
  severity: "medium",
  benchmarks: ["FSBP-AutoScaling.1"],
  words: ["elb health check", "elb health checks", "load balancer health check", "load balancer health checks", "health check", "health checks", "healthcheck", "health check type", "elb"],
  build: () => ({
    title: "Auto Scaling group uses ELB health checks",
    when: { path: "loadBalanced", op: "eq", value: true },
    require: { path: "healthCheckType", op: "eq", value: "ELB" },
    remediation: { action: "autoscaling.use-elb-health-check", params: {} },
  }),
  examples: { compliant: { loadBalanced: true, healthCheckType: "ELB" }, noncompliant: { loadBalanced: true, healthCheckType: "EC2" } },
};

export const autoScalingCapacityRebalance: AwsControl<Group> = {
  id: "autoscaling.capacity-rebalance",
  kind: "aws.autoscaling.group",
  title: "Auto Scaling groups have Capacity Rebalancing enabled",
  description: "The group launches a replacement when a Spot Instance receives a rebalance recommendation, before it is interrupted.",
  severity: "low",
  benchmarks: [],
  words: ["capacity rebalance", "capacity rebalancing", "rebalance", "rebalancing", "spot interruption", "spot interruptions", "rebalance recommendation", "rebalance recommendations"],
  build: () => ({
    title: "Auto Scaling group has Capacity Rebalancing enabled",
    require: { path: "capacityRebalance", op: "eq", value: true },
    remediation: { action: "autoscaling.enable-capacity-rebalance", params: {} },
  }),
  examples: { compliant: { capacityRebalance: true }, noncompliant: { capacityRebalance: false } },
};

export const autoScalingLaunchTemplate: AwsControl<Group> = {
  id: "autoscaling.launch-template",
  kind: "aws.autoscaling.group",
  title: "Auto Scaling groups use launch templates",
  description: "The group launches from an EC2 launch template, not a legacy launch configuration (which lacks IMDSv2 defaults and newer features); migrating is manual.",
  severity: "medium",
  benchmarks: ["FSBP-AutoScaling.9"],
  words: ["launch template", "launch templates", "launch configuration", "launch configurations", "launch config", "launch configs", "legacy launch configuration"],
  build: () => ({
    title: "Auto Scaling group uses a launch template",
    require: { path: "launchTemplate", op: "truthy" },
    remediation: { action: "autoscaling.use-launch-template", params: {} },
  }),
  examples: {
    compliant: { launchTemplate: "lt-0example", launchConfigurationName: null },
    noncompliant: { launchTemplate: null, launchConfigurationName: "web-lc-v1" },
  },
};

export const autoScalingMultipleInstanceTypes: AwsControl<Group> = {
  id: "autoscaling.multiple-instance-types",
  kind: "aws.autoscaling.group",
  title: "Auto Scaling groups use multiple instance types",
  description: "The group can launch at least two instance types (a mixed instances policy), so one type's shortage in a zone does not stop it scaling; configuring it is manual.",
  severity: "low",
  benchmarks: ["FSBP-AutoScaling.6"],
  words: ["multiple instance types", "several instance types", "instance types", "mixed instances", "mixed instances policy", "mixed instance types", "instance type diversity", "diversified instance types", "diverse instance types"],
  build: () => ({
    title: "Auto Scaling group uses at least two instance types",
    require: { path: "instanceTypes.1", op: "exists" },
    remediation: { action: "autoscaling.use-multiple-instance-types", params: {} },
  }),
  examples: { compliant: { instanceTypes: ["m6i.large", "m5.large"] }, noncompliant: { instanceTypes: ["m6i.large"] } },
};
