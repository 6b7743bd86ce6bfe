// Security-group controls: world-open ingress (admin ports, all ports, high-risk ports), the
// default group, wide public CIDRs, launch-wizard groups and the rule count.
import type { AwsControl } from "../../controls/aws-control.js";
import type { SecurityGroupModel } from "./model.js";
import type { Condition } from "../../../../contracts/policy.js";
import type { ControlDefinition, ModelResource } from "../../../../engine/control.js";
import { DEFAULT_RESTRICTED_PORTS, exampleRule, HIGH_RISK_PORTS, noWorldIngressTo, portOutside, portsPhrase, worldRule } from "../../controls/ingress.js";

type Group = ModelResource<typeof SecurityGroupModel>;

export const DEFAULT_MAX_PREFIX_LENGTH = 24;
export const DEFAULT_MAX_RULES = 50;

/** A public IPv4 CIDR rule of this prefix length. */
function publicCidrRule(prefixLength: number) {
  return exampleRule({ source: `198.51.0.0/${prefixLength}`, prefixLength, publicCidr: true });
}

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

export const securityGroupNoPublicIngress: AwsControl<Group> = {
  id: "ec2.security-group-no-public-ingress",
  kind: "aws.ec2.security-group",
  title: "Security groups do not allow ingress from the internet to administrative ports",
  description: "No ingress rule opens the given ports (SSH 22 and RDP 3389 by default) to 0.0.0.0/0 or ::/0.",
  severity: "high",
  benchmarks: ["CIS-AWS-3.0-5.2", "CIS-AWS-3.0-5.3", "FSBP-EC2.13", "FSBP-EC2.14"],
  words: [
    "open to the world", "open to the internet", "from the internet", "from anywhere", "0.0.0.0/0", "::/0",
    "public ingress", "ingress", "inbound", "ssh", "rdp", "remote desktop", "port", "ports", "world open", "open",
    "world", "internet", "anywhere", "remote server administration ports", "administration ports", "admin ports",
    "management ports", "remote administration", "expose", "exposed", "exposes", "exposure",
  ],
  takes: ["ports"],
  build: ({ ports }) => {
    const list = ports && ports.length > 0 ? ports : DEFAULT_RESTRICTED_PORTS;
    const conditions = list.map(openToWorldOn);
    return {
      title: `Security group does not allow ingress from the internet to ${portsPhrase(list)}`,
      require: conditions.length === 1 && conditions[0] ? conditions[0] : { all: conditions },
      remediation: { action: "ec2.revoke-public-ingress", params: { ports: list } },
    };
  },
  examples: ({ ports }) => {
    const list = ports && ports.length > 0 ? ports : DEFAULT_RESTRICTED_PORTS;
    const open = portOutside(list);
    const [first = 22] = list;
    return {
      compliant: { ingress: [worldRule(open), exampleRule({ fromPort: first, toPort: first })] },
      noncompliant: { ingress: [worldRule(open), worldRule(list[list.length - 1] ?? first)] },
    };
  },
};

export const securityGroupNoAllPorts: AwsControl<Group> = {
  id: "ec2.security-group-no-all-ports",
  kind: "aws.ec2.security-group",
  title: "Security groups do not open all ports to the internet",
  description: "No ingress rule lets 0.0.0.0/0 or ::/0 in on all traffic (protocol -1) or on the whole port range 0-65535; narrowing it to the ports the workload serves is manual.",
  severity: "critical",
  benchmarks: ["FSBP-EC2.18"],
  words: [
    "all ports", "open all", "every port", "any port", "full port range", "all tcp ports", "allow all traffic",
    "allows all traffic", "open all traffic", "all inbound traffic", "all protocols", "any protocol",
    "unrestricted incoming traffic", "unrestricted inbound traffic", "wide open", "allow all inbound",
    "open to the world", "open to the internet", "from the internet", "from anywhere", "0.0.0.0/0", "::/0",
    "public ingress", "ingress", "inbound", "world open", "open", "world", "internet", "anywhere", "all traffic",
    "every protocol", "port", "ports", "expose", "exposed", "exposes", "exposure",
  ],
  build: () => ({
    title: "Security group does not open all ports to the internet",
    require: {
      path: "ingress",
      none: {
        all: [
          { path: "world", op: "eq", value: true },
          { any: [{ path: "protocol", op: "eq", value: "-1" }, { all: [{ path: "fromPort", op: "lte", value: 0 }, { path: "toPort", op: "gte", value: 65535 }] }] },
        ],
      },
    },
    remediation: { action: "ec2.restrict-security-group", params: {} },
  }),
  examples: {
    compliant: { ingress: [worldRule(443), exampleRule({ protocol: "-1", fromPort: 0, toPort: 65535 })] },
    noncompliant: { ingress: [worldRule(0, { protocol: "-1", toPort: 65535 })] },
  },
};

export const securityGroupHighRiskPorts: AwsControl<Group> = {
  id: "ec2.security-group-high-risk-ports",
  kind: "aws.ec2.security-group",
  title: "Security groups do not open high-risk ports to the internet",
  description: `No ingress rule lets 0.0.0.0/0 or ::/0 reach a high-risk port (${HIGH_RISK_PORTS.join(", ")}) over TCP, UDP or all traffic.`,
  severity: "high",
  benchmarks: ["FSBP-EC2.19"],
  words: [
    "high risk", "high-risk", "high risk ports", "risky ports", "dangerous ports", "sensitive ports", "database ports",
    "common ports", "restricted common ports", "well-known ports", "risky services", "dangerous services",
    "open to the world", "open to the internet", "from the internet", "from anywhere", "0.0.0.0/0", "::/0",
    "public ingress", "ingress", "inbound", "world open", "open", "world", "internet", "anywhere",
    "unrestricted access", "port", "ports", "expose", "exposed", "exposes", "exposure",
  ],
  build: () => ({
    title: "Security group does not open high-risk ports to the internet",
    require: noWorldIngressTo("ingress", HIGH_RISK_PORTS),
    remediation: { action: "ec2.revoke-public-ingress", params: { ports: HIGH_RISK_PORTS } },
  }),
  examples: {
    compliant: { ingress: [worldRule(443), worldRule(80), exampleRule({ fromPort: 3306, toPort: 3306 })] },
    noncompliant: { ingress: [worldRule(443), worldRule(5432, { protocol: "tcp", fromPort: 5400, toPort: 5500 })] },
  },
};

export const defaultSecurityGroupClosed: AwsControl<Group> = {
  id: "ec2.default-security-group-closed",
  kind: "aws.ec2.security-group",
  title: "Default security groups restrict all traffic",
  description: "Each VPC's default security group has no inbound and no outbound rules, so nothing relies on it by accident.",
  severity: "medium",
  benchmarks: ["CIS-AWS-3.0-5.4", "FSBP-EC2.2"],
  words: [
    "default security group", "default security groups", "default sg", "default sgs", "default group",
    "default groups", "default vpc security group", "restrict all traffic", "restricts all traffic",
    "vpc-default-security-group-closed", "open to the world", "open to the internet", "from the internet",
    "from anywhere", "0.0.0.0/0", "::/0", "public ingress", "ingress", "inbound", "world open", "open", "world",
    "internet", "anywhere", "outbound", "egress", "inbound or outbound traffic", "any rules", "no rules",
    "default restrict traffic", "ec2_securitygroup_default_restrict_traffic",
  ],
  build: () => ({
    title: "Default security group has no inbound or outbound rules",
    when: { path: "isDefault", op: "eq", value: true },
    require: { all: [{ path: "ingress", op: "empty" }, { path: "egress", op: "empty" }] },
    remediation: { action: "ec2.revoke-default-group-rules", params: {} },
  }),
  examples: {
    compliant: { groupName: "default", isDefault: true, ingress: [], egress: [], ruleCount: 0 },
    noncompliant: {
      groupName: "default", isDefault: true, ingress: [], ruleCount: 1,
      egress: [exampleRule({ protocol: "-1", fromPort: 0, toPort: 65535, source: "0.0.0.0/0", world: true, prefixLength: 0, publicCidr: true })],
    },
  },
};

export const securityGroupNoWideCidr: AwsControl<Group> = {
  id: "ec2.security-group-no-wide-cidr",
  kind: "aws.ec2.security-group",
  title: "Security groups do not allow ingress from wide public CIDR ranges",
  description: `No ingress rule admits a public CIDR wider than /${DEFAULT_MAX_PREFIX_LENGTH} (or the prefix length given); 0.0.0.0/0 and ::/0 are left to the world-open controls. Narrowing the range is manual.`,
  severity: "medium",
  benchmarks: [],
  words: [
    "wide cidr", "wide cidrs", "broad cidr", "broad cidrs", "large cidr", "wide ip range", "wide ip ranges",
    "broad ip range", "broad ip ranges", "large address range", "overly permissive cidr", "public cidr",
    "public cidrs", "prefix length", "netmask", "open to the world", "open to the internet", "from the internet",
    "from anywhere", "0.0.0.0/0", "::/0", "public ingress", "ingress", "inbound", "world open", "open", "world",
    "internet", "anywhere", "public source range", "source range", "source ranges", "public ip range",
    "public ip ranges", "ip range", "ip ranges", "large public ip ranges", "broader than", "wider than", "larger than",
    "cidr", "cidrs", "wide open public ipv4", "port", "ports", "expose", "exposed", "exposes", "exposure",
  ],
  takes: ["prefixLength"],
  build: ({ prefixLength = DEFAULT_MAX_PREFIX_LENGTH }) => ({
    title: `Security group admits no public CIDR wider than /${prefixLength}`,
    require: {
      path: "ingress",
      none: {
        all: [
          { path: "publicCidr", op: "eq", value: true },
          { path: "prefixLength", op: "gt", value: 0 },
          { path: "prefixLength", op: "lt", value: prefixLength },
        ],
      },
    },
    remediation: { action: "ec2.restrict-security-group", params: { prefixLength } },
  }),
  examples: ({ prefixLength = DEFAULT_MAX_PREFIX_LENGTH }) => ({
    // Exactly the limit, a wide private range and the world (other controls' concern) all pass.
    compliant: { ingress: [publicCidrRule(prefixLength), exampleRule({ source: "10.0.0.0/8", prefixLength: 8 }), worldRule(443)] },
    noncompliant: { ingress: [publicCidrRule(prefixLength - 1)] },
  }),
};

export const securityGroupNotLaunchWizard: AwsControl<Group> = {
  id: "ec2.security-group-not-launch-wizard",
  kind: "aws.ec2.security-group",
  title: "No security groups made by the EC2 launch wizard",
  description: "Groups the console's launch wizard creates (launch-wizard-N) usually open SSH or RDP to the world; replace them with deliberate groups (manual).",
  severity: "low",
  benchmarks: [],
  words: ["launch wizard", "launch-wizard", "launch wizard security groups", "wizard-created", "wizard created", "console-created security groups"],
  build: () => ({
    title: "Security group was not made by the launch wizard",
    require: { path: "launchWizard", op: "eq", value: false },
    remediation: { action: "ec2.restrict-security-group", params: {} },
  }),
  examples: { compliant: { groupName: "web", launchWizard: false }, noncompliant: { groupName: "launch-wizard-3", launchWizard: true } },
};

export const securityGroupRuleLimit: AwsControl<Group> = {
  id: "ec2.security-group-rule-limit",
  kind: "aws.ec2.security-group",
  title: "Security groups stay within a rule limit",
  description: `A group has at most the given number of ingress plus egress rules (${DEFAULT_MAX_RULES} by default), so it stays reviewable; consolidating rules is manual.`,
  severity: "low",
  benchmarks: [],
  words: [
    "too many rules", "rule limit", "rules limit", "number of rules", "many rules", "rule count", "maximum rules",
    "max rules", "at most rules", "many ingress egress rules", "ingress and egress rules", "egress rules",
    "rules per group",
  ],
  takes: ["count"],
  build: ({ count = DEFAULT_MAX_RULES }) => ({
    title: `Security group has at most ${count} rules`,
    require: { path: "ruleCount", op: "lte", value: count },
    remediation: { action: "ec2.restrict-security-group", params: { count } },
  }),
  examples: ({ count = DEFAULT_MAX_RULES }) => ({ compliant: { ruleCount: count }, noncompliant: { ruleCount: count + 1 } }),
};
