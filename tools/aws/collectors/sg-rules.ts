// Flattens EC2 IpPermissions into one rule per source, so policies can quantify over rules.
import type { IpPermission } from "@aws-sdk/client-ec2";
import type { SecurityGroupRuleModel } from "../kinds/ec2-security-group/model.js";
import { cidrFacts } from "./cidr.js";

const WORLD: ReadonlySet<string> = new Set(["0.0.0.0/0", "::/0"]);

export function isWorld(source: string): boolean {
  return WORLD.has(source);
}

/** All-traffic rules ("-1") cover every port; TCP/UDP without ports do too. */
function portRange(p: IpPermission): { fromPort: number; toPort: number } {
  const protocol = p.IpProtocol ?? "-1";
  if (protocol === "-1") return { fromPort: 0, toPort: 65535 };
  if (p.FromPort === undefined || p.ToPort === undefined) {
    return { fromPort: p.FromPort ?? 0, toPort: p.ToPort ?? 65535 };
  }
  return { fromPort: p.FromPort, toPort: p.ToPort };
}

/**
 * One rule per source of each permission, tagged with the group it belongs to (`groupId`).
 * Its length is the group's rule count as AWS counts it against the rules-per-group quota.
 */
export function flattenPermissions(permissions: readonly IpPermission[] | undefined, groupId: string | null = null): SecurityGroupRuleModel[] {
  const rules: SecurityGroupRuleModel[] = [];
  for (const p of permissions ?? []) {
    const base = { protocol: p.IpProtocol ?? "-1", ...portRange(p) };
    const add = (source: string | undefined, sourceType: SecurityGroupRuleModel["sourceType"]): void => {
      if (source === undefined) return;
      const cidr = sourceType === "cidr" ? cidrFacts(source) : { prefixLength: null, publicCidr: false };
      rules.push({ ...base, source, sourceType, world: isWorld(source), ...cidr, groupId });
    };
    for (const r of p.IpRanges ?? []) add(r.CidrIp, "cidr");
    for (const r of p.Ipv6Ranges ?? []) add(r.CidrIpv6, "cidr");
    for (const g of p.UserIdGroupPairs ?? []) add(g.GroupId, "security-group");
    for (const l of p.PrefixListIds ?? []) add(l.PrefixListId, "prefix-list");
  }
  return rules;
}

/** True when the rule lets traffic to `port` through (ICMP has no ports). */
export function coversPort(rule: SecurityGroupRuleModel, port: number): boolean {
  const protocol = rule.protocol.toLowerCase();
  if (protocol === "-1") return true;
  if (!["tcp", "udp", "6", "17"].includes(protocol)) return false;
  return rule.fromPort <= port && port <= rule.toPort;
}

type RuleSource = Pick<SecurityGroupRuleModel, "protocol" | "fromPort" | "toPort" | "source" | "sourceType">;

/** The IpPermission that revokes exactly one flattened rule, whatever its source type. */
export function ruleToPermission(rule: RuleSource): IpPermission {
  const ports = rule.protocol === "-1" ? {} : { FromPort: rule.fromPort, ToPort: rule.toPort };
  switch (rule.sourceType) {
    case "security-group":
      return { IpProtocol: rule.protocol, ...ports, UserIdGroupPairs: [{ GroupId: rule.source }] };
    case "prefix-list":
      return { IpProtocol: rule.protocol, ...ports, PrefixListIds: [{ PrefixListId: rule.source }] };
    default: {
      const range = rule.source.includes(":") ? { Ipv6Ranges: [{ CidrIpv6: rule.source }] } : { IpRanges: [{ CidrIp: rule.source }] };
      return { IpProtocol: rule.protocol, ...ports, ...range };
    }
  }
}

/** The IpPermission that revokes exactly one flattened world-open rule. */
export function worldRuleToPermission(rule: RuleSource): IpPermission {
  return ruleToPermission(rule);
}
