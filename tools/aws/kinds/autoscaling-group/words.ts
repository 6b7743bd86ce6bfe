// Polar words of the aws.autoscaling.group controls: which name the state a control requires (secure) and which the state it forbids (insecure).
import type { ControlPolarity } from "../../../../engine/domain.js";

export const POLARITY: Readonly<Record<string, ControlPolarity>> = {
  "autoscaling.multi-az": { secure: ["multi-az", "multi az", "multiple availability zones", "multiple azs", "several availability zones", "across availability zones", "az spread", "zone redundant", "highly available"], insecure: ["single az", "single-az"] },
  "autoscaling.elb-health-check": { secure: ["elb health check", "elb health checks", "load balancer health check", "load balancer health checks", "health check", "health checks", "elb"], insecure: [] },
  "autoscaling.capacity-rebalance": { secure: ["capacity rebalance", "capacity rebalancing", "rebalance", "rebalancing"], insecure: [] },
  "autoscaling.launch-template": { secure: ["launch template", "launch templates"], insecure: ["launch configuration", "launch configurations", "launch config", "launch configs", "legacy launch configuration"] },
  "autoscaling.multiple-instance-types": { secure: ["multiple instance types", "several instance types", "mixed instances", "mixed instances policy", "mixed instance types", "diverse instance types", "diversified instance types"], insecure: [] },
};
