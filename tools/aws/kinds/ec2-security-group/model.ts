// aws.ec2.security-group: a security group and its rules, flattened one source per rule (instances reuse the rule model).
import { z } from "zod";
import type { KindDefinition } from "../../../../engine/kind.js";

/** One ingress or egress grant, flattened to a single source so rules can quantify over it. */
export const SecurityGroupRuleModel = z.object({
  /** "tcp", "udp", "icmp", "icmpv6" or "-1" (all). */
  protocol: z.string(),
  /** Inclusive port range; all-traffic rules are 0..65535. */
  fromPort: z.number().int(),
  toPort: z.number().int(),
  /** A CIDR (IPv4 or IPv6), a security-group id, or a prefix-list id. */
  source: z.string(),
  sourceType: z.enum(["cidr", "security-group", "prefix-list"]),
  /** The source is 0.0.0.0/0 or ::/0. */
  world: z.boolean(),
  /** The CIDR's prefix length (0 for 0.0.0.0/0); null for group and prefix-list sources. */
  prefixLength: z.number().int().nullable(),
  /**
   * A CIDR source outside the private and reserved ranges (10/8, 172.16/12, 192.168/16,
   * 100.64/10, 127/8, 169.254/16, fc00::/7, fe80::/10): reachable from the internet.
   */
  publicCidr: z.boolean(),
  /** The security group the rule belongs to (on instance ingress: which of its groups). */
  groupId: z.string().nullable(),
});
export type SecurityGroupRuleModel = z.infer<typeof SecurityGroupRuleModel>;

export const SecurityGroupModel = z.object({
  groupName: z.string(),
  description: z.string().nullable(),
  vpcId: z.string().nullable(),
  isDefault: z.boolean(),
  ingress: z.array(SecurityGroupRuleModel),
  egress: z.array(SecurityGroupRuleModel),
  /** Ingress plus egress entries as AWS counts them against the quota: one per source. */
  ruleCount: z.number().int(),
  /** Made by the EC2 console's launch wizard (name starts with "launch-wizard"). */
  launchWizard: z.boolean(),
});

export const ec2SecurityGroup: KindDefinition = {
  name: "aws.ec2.security-group",
  noun: "security group",
  plural: "security groups",
  service: "ec2",
  idField: "security-group id",
  words: [
    "security group", "security groups", "sg", "sgs", "firewall", "firewall rule", "firewall rules", "ingress rule",
    "ingress rules", "inbound rule", "securitygroup", "securitygroups",
  ],
  model: SecurityGroupModel,
};
