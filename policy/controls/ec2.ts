// EC2 controls: instance metadata, Auto Scaling membership, world-open ingress.
import type { Condition } from "../schema.js";
import type { ControlDefinition } from "./control.js";

export const ec2ImdsV2Required: ControlDefinition = {
  id: "ec2.imdsv2-required",
  kind: "aws.ec2.instance",
  title: "EC2 instances require IMDSv2",
  description: "The instance metadata service answers only session-token (v2) requests, or is disabled.",
  severity: "high",
  benchmarks: ["CIS-AWS-5.6", "FSBP-EC2.8"],
  words: ["imdsv2", "imds v2", "imds", "imdsv1", "instance metadata", "metadata service", "metadata v2", "session tokens", "http tokens", "httptokens"],
  build: () => ({
    title: "EC2 instance requires IMDSv2",
    require: {
      any: [
        { path: "metadataOptions.httpTokens", op: "eq", value: "required" },
        { path: "metadataOptions.httpEndpoint", op: "eq", value: "disabled" },
      ],
    },
    remediation: { action: "ec2.require-imdsv2", params: {} },
  }),
};

export const ec2InAutoScalingGroup: ControlDefinition = {
  id: "ec2.in-autoscaling-group",
  kind: "aws.ec2.instance",
  title: "EC2 instances are managed by an Auto Scaling group",
  description: "Each instance is listed by an Auto Scaling group, so it is replaced when unhealthy.",
  severity: "medium",
  benchmarks: [],
  words: ["autoscaling", "auto scaling", "auto-scaling", "autoscaled", "auto scaled", "asg", "scaling group", "autoscaling group", "auto scaling group", "elastic", "self healing"],
  build: () => ({
    title: "EC2 instance belongs to an Auto Scaling group",
    when: { path: "state", op: "nin", value: ["terminated", "shutting-down"] },
    require: { path: "autoScalingGroup", op: "truthy" },
    remediation: { action: "ec2.attach-to-autoscaling-group", params: {} },
  }),
};

/** Well-known ports people name when they mean "open to the internet". */
export const DEFAULT_RESTRICTED_PORTS = [22, 3389];

function openToWorldOn(port: number): Condition {
  return {
    path: "ingress",
    none: {
      all: [
        { path: "world", op: "eq", value: true },
        { path: "protocol", op: "in", value: ["tcp", "-1"] },
        { path: "fromPort", op: "lte", value: port },
        { path: "toPort", op: "gte", value: port },
      ],
    },
  };
}

export const securityGroupNoPublicIngress: ControlDefinition = {
  id: "ec2.security-group-no-public-ingress",
  kind: "aws.ec2.security-group",
  title: "Security groups do not allow ingress from the internet to administrative ports",
  description: "No ingress rule opens the given ports (SSH 22 and RDP 3389 by default) to 0.0.0.0/0 or ::/0.",
  severity: "high",
  benchmarks: ["CIS-AWS-5.2", "CIS-AWS-5.3", "FSBP-EC2.13", "FSBP-EC2.14"],
  words: ["open to the world", "open to the internet", "from the internet", "from anywhere", "0.0.0.0/0", "::/0", "public ingress", "ingress", "inbound", "ssh", "rdp", "remote desktop", "port", "ports", "world open", "open", "world", "internet", "anywhere"],
  takes: ["ports"],
  build: ({ ports }) => {
    const list = ports && ports.length > 0 ? ports : DEFAULT_RESTRICTED_PORTS;
    const conditions = list.map(openToWorldOn);
    return {
      title: `Security group does not allow ingress from the internet to port${list.length > 1 ? "s" : ""} ${list.join(", ")}`,
      require: conditions.length === 1 && conditions[0] ? conditions[0] : { all: conditions },
      remediation: { action: "ec2.revoke-public-ingress", params: { ports: list } },
    };
  },
};
