// EC2 instance controls: metadata service, public addresses, roles, monitoring, virtualisation,
// Auto Scaling membership, age, time stopped, attached-volume encryption and exposed ports.
import type { AwsControl } from "../../controls/aws-control.js";
import type { Ec2InstanceModel } from "./model.js";
import type { Condition } from "../../../../contracts/policy.js";
import type { ControlDefinition, ModelResource } from "../../../../engine/control.js";
import { exampleRule, HIGH_RISK_PORTS, noWorldIngressTo, portOutside, portsPhrase, worldRule } from "../../controls/ingress.js";

type Instance = ModelResource<typeof Ec2InstanceModel>;

/** Terminated instances are on their way out: nothing to fix. */
const LIVE: Condition = { path: "state", op: "nin", value: ["terminated", "shutting-down"] };
const RUNNING = { state: "running", stoppedDays: null };

export const DEFAULT_MAX_AGE_DAYS = 180;
export const DEFAULT_STOPPED_DAYS = 30;

export const ec2ImdsV2Required: AwsControl<Instance> = {
  id: "ec2.imdsv2-required",
  kind: "aws.ec2.instance",
  title: "EC2 instances require IMDSv2",
  description: "The instance metadata service answers only session-token (v2) requests, or is disabled.",
  severity: "high",
  benchmarks: ["CIS-AWS-3.0-5.6", "FSBP-EC2.8"],
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
  examples: {
    compliant: { metadataOptions: { httpTokens: "required", httpEndpoint: "enabled", httpPutResponseHopLimit: 1 } },
    noncompliant: { metadataOptions: { httpTokens: "optional", httpEndpoint: "enabled", httpPutResponseHopLimit: 1 } },
  },
};

export const ec2NoPublicIp: AwsControl<Instance> = {
  id: "ec2.no-public-ip",
  kind: "aws.ec2.instance",
  title: "EC2 instances have no public IPv4 address",
  description: "The instance has no public IPv4 address, so it is reachable only through load balancers, NAT or private networking; removing one means relaunching or moving it (manual).",
  severity: "high",
  benchmarks: ["FSBP-EC2.9"],
  words: ["public ip", "public ips", "public ip address", "public ipv4", "public ipv4 address", "public address", "public addresses", "publicly addressable", "internet routable address", "ec2-instance-no-public-ip"],
  build: () => ({
    title: "EC2 instance has no public IPv4 address",
    when: LIVE,
    require: { path: "publicIp", op: "absent" },
    remediation: { action: "ec2.remove-public-ip", params: {} },
  }),
  examples: { compliant: { ...RUNNING, publicIp: null }, noncompliant: { ...RUNNING, publicIp: "203.0.113.10" } },
};

export const ec2InstanceProfile: AwsControl<Instance> = {
  id: "ec2.instance-profile",
  kind: "aws.ec2.instance",
  title: "EC2 instances use an IAM instance profile",
  description: "An IAM role reaches the instance through an instance profile, so software on it needs no long-lived access keys (manual).",
  severity: "medium",
  benchmarks: ["CIS-AWS-3.0-1.18"],
  words: ["instance profile", "instance profiles", "iam instance profile", "iam role", "iam roles", "instance role", "instance roles", "role attached", "attached role", "no access keys on instances"],
  build: () => ({
    title: "EC2 instance has an IAM instance profile",
    when: LIVE,
    require: { path: "iamInstanceProfile", op: "truthy" },
    remediation: { action: "ec2.attach-instance-profile", params: {} },
  }),
  examples: {
    compliant: { ...RUNNING, iamInstanceProfile: "arn:aws:iam::123456789012:instance-profile/app" },
    noncompliant: { ...RUNNING, iamInstanceProfile: null },
  },
};

export const ec2DetailedMonitoring: AwsControl<Instance> = {
  id: "ec2.detailed-monitoring",
  kind: "aws.ec2.instance",
  title: "EC2 instances have detailed monitoring enabled",
  description: "CloudWatch collects the instance's metrics every minute instead of every five.",
  severity: "low",
  benchmarks: [],
  words: ["detailed monitoring", "cloudwatch detailed monitoring", "1-minute metrics", "one minute metrics", "one-minute metrics", "instance monitoring", "monitoring enabled"],
  build: () => ({
    title: "EC2 instance has detailed monitoring enabled",
    when: LIVE,
    require: { path: "monitoring", op: "eq", value: "enabled" },
    remediation: { action: "ec2.enable-detailed-monitoring", params: {} },
  }),
  examples: { compliant: { ...RUNNING, monitoring: "enabled" }, noncompliant: { ...RUNNING, monitoring: "disabled" } },
};

export const ec2Hvm: AwsControl<Instance> = {
  id: "ec2.hvm",
  kind: "aws.ec2.instance",
  title: "EC2 instances use HVM virtualisation",
  description: "The instance runs on hardware virtual machine (HVM) virtualisation, not the retired paravirtual (PV) type; replacing it is manual.",
  severity: "medium",
  benchmarks: ["FSBP-EC2.24"],
  words: ["hvm", "hardware virtual machine", "paravirtual", "paravirtualization", "paravirtualisation", "pv instance", "pv instances", "virtualization type", "virtualisation type"],
  build: () => ({
    title: "EC2 instance uses HVM virtualisation",
    when: LIVE,
    require: { path: "virtualizationType", op: "eq", value: "hvm" },
    remediation: { action: "ec2.replace-instance", params: {} },
  }),
  examples: { compliant: { ...RUNNING, virtualizationType: "hvm" }, noncompliant: { ...RUNNING, virtualizationType: "paravirtual" } },
};

export const ec2InAutoScalingGroup: AwsControl<Instance> = {
  id: "ec2.in-autoscaling-group",
  kind: "aws.ec2.instance",
  title: "EC2 instances are managed by an Auto Scaling group",
  description: "Each instance is listed by an Auto Scaling group, so it is replaced when unhealthy.",
  severity: "medium",
  benchmarks: [],
  words: [
    "autoscaling", "auto scaling", "auto-scaling", "autoscaled", "auto scaled", "asg", "scaling group",
    "autoscaling group", "auto scaling group", "self healing",
  ],
  build: () => ({
    title: "EC2 instance belongs to an Auto Scaling group",
    when: LIVE,
    require: { path: "autoScalingGroup", op: "truthy" },
    remediation: { action: "ec2.attach-to-autoscaling-group", params: {} },
  }),
  examples: { compliant: { ...RUNNING, autoScalingGroup: "web-asg" }, noncompliant: { ...RUNNING, autoScalingGroup: null } },
};

export const ec2MaxAge: AwsControl<Instance> = {
  id: "ec2.max-age",
  kind: "aws.ec2.instance",
  title: "EC2 instances are not older than a maximum age",
  description: `The instance was launched at most the given number of days ago (${DEFAULT_MAX_AGE_DAYS} by default), so it runs a recent image; older ones are reviewed and replaced (manual).`,
  severity: "low",
  benchmarks: [],
  words: ["older than", "instance age", "max age", "maximum age", "too old", "long-running instances", "long running instances", "running for more than", "days old", "stale instances", "launched more than", "immutable infrastructure"],
  takes: ["days"],
  build: ({ days = DEFAULT_MAX_AGE_DAYS }) => ({
    title: `EC2 instance is at most ${days} days old`,
    when: LIVE,
    require: { path: "ageDays", op: "lte", value: days },
    remediation: { action: "ec2.replace-instance", params: { days } },
  }),
  // On the boundary: exactly the limit meets it, a day more does not.
  examples: ({ days = DEFAULT_MAX_AGE_DAYS }) => ({ compliant: { ...RUNNING, ageDays: days }, noncompliant: { ...RUNNING, ageDays: days + 1 } }),
};

export const ec2StoppedLimit: AwsControl<Instance> = {
  id: "ec2.stopped-limit",
  kind: "aws.ec2.instance",
  title: "Stopped EC2 instances are removed after a time limit",
  description: `A stopped instance has been stopped for at most the given number of days (${DEFAULT_STOPPED_DAYS} by default); longer-stopped ones are reviewed and terminated (manual).`,
  severity: "low",
  benchmarks: ["FSBP-EC2.4"],
  words: [
    "stopped", "stopped instance", "stopped ec2 instance", "stopped for", "stopped longer", "been stopped",
    "left stopped", "remain stopped", "remove stopped", "long-stopped", "idle instances", "unused instances",
    "removed after a specified time period", "specified time period", "time period",
  ],
  takes: ["days"],
  build: ({ days = DEFAULT_STOPPED_DAYS }) => ({
    title: `Stopped EC2 instance has been stopped for at most ${days} days`,
    when: { path: "state", op: "eq", value: "stopped" },
    require: { path: "stoppedDays", op: "lte", value: days },
    remediation: { action: "ec2.replace-instance", params: { days } },
  }),
  examples: ({ days = DEFAULT_STOPPED_DAYS }) => ({ compliant: { state: "stopped", stoppedDays: days }, noncompliant: { state: "stopped", stoppedDays: days + 1 } }),
};

export const ec2AttachedVolumesEncrypted: AwsControl<Instance> = {
  id: "ec2.attached-volumes-encrypted",
  kind: "aws.ec2.instance",
  title: "EC2 instances have only encrypted EBS volumes attached",
  description: "Every EBS volume attached to the instance is encrypted at rest; volume encryption is set at creation, so a failing volume needs an encrypted copy (manual).",
  severity: "high",
  benchmarks: ["FSBP-EC2.3"],
  words: ["attached volumes", "attached ebs volumes", "attached volume", "instance volumes", "root volume", "root volumes", "volumes attached", "disk encryption", "encrypted disks", "encrypted volumes", "volume encryption", "encrypted", "encryption", "encrypted at rest"],
  build: () => ({
    title: "EC2 instance has only encrypted EBS volumes attached",
    when: LIVE,
    require: { path: "volumes", every: { path: "encrypted", op: "eq", value: true } },
    remediation: { action: "ec2.encrypt-attached-volumes", params: {} },
  }),
  examples: {
    compliant: { ...RUNNING, volumes: [{ volumeId: "vol-0a", encrypted: true }, { volumeId: "vol-0b", encrypted: true }] },
    noncompliant: { ...RUNNING, volumes: [{ volumeId: "vol-0a", encrypted: true }, { volumeId: "vol-0b", encrypted: false }] },
  },
};

export const ec2NoInternetExposedPorts: AwsControl<Instance> = {
  id: "ec2.no-internet-exposed-ports",
  kind: "aws.ec2.instance",
  title: "EC2 instances expose no high-risk ports to the internet",
  description: "No security group of the instance lets 0.0.0.0/0 or ::/0 reach the given ports (the high-risk list by default); narrowing the groups is manual from the instance's side.",
  severity: "high",
  benchmarks: [],
  words: ["expose", "exposed", "exposed ports", "internet exposed", "internet-exposed", "exposed to the internet", "publicly exposed", "reachable from the internet", "internet facing", "internet-facing", "high risk", "high-risk"],
  takes: ["ports"],
  build: ({ ports }) => {
    const list = ports && ports.length > 0 ? ports : HIGH_RISK_PORTS;
    return {
      title: ports && ports.length > 0 ? `EC2 instance does not expose ${portsPhrase(list)} to the internet` : "EC2 instance exposes no high-risk port to the internet",
      when: LIVE,
      require: noWorldIngressTo("ingress", list),
      remediation: { action: "ec2.restrict-instance-ingress", params: { ports: list } },
    };
  },
  examples: ({ ports }) => {
    const list = ports && ports.length > 0 ? ports : HIGH_RISK_PORTS;
    const open = portOutside(list);
    const [first = 22] = list;
    return {
      // Another port open to the world, and a listed port open only inside the network, are fine.
      compliant: { ...RUNNING, ingress: [worldRule(open), exampleRule({ fromPort: first, toPort: first })] },
      noncompliant: { ...RUNNING, ingress: [worldRule(open), worldRule(list[list.length - 1] ?? first)] },
    };
  },
};
