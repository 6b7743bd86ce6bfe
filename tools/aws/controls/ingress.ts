// Shared pieces of the ingress controls (security groups and instances): port lists, the
// "world-open to a port" condition and a complete ingress rule for examples.
import type { SecurityGroupRuleModel } from "../kinds/ec2-security-group/model.js";
import type { Condition } from "../../../contracts/policy.js";

/** Well-known ports people name when they mean "open to the internet". */
export const DEFAULT_RESTRICTED_PORTS = [22, 3389];

/**
 * Ports that must never be open to the internet (Security Hub EC2.19's list): FTP, SSH, Telnet,
 * SMTP, POP3, RPC, IMAP, SMB, SQL Server, dev servers, MySQL, PostgreSQL, Kibana, proxies,
 * Elasticsearch and others.
 */
export const HIGH_RISK_PORTS = [20, 21, 22, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306, 3389, 4333, 5000, 5432, 5500, 5601, 8080, 8088, 8888, 9200, 9300];

/** Protocols whose rules carry ports: TCP, UDP, and "-1" (all traffic, every port). */
const PORT_PROTOCOLS = ["tcp", "udp", "-1"];

/** A rule of the list reaches the port (`all` with one entry per port, or one port). */
function covers(port: number): Condition {
  return { all: [{ path: "fromPort", op: "lte", value: port }, { path: "toPort", op: "gte", value: port }] };
}

/**
 * No rule in the list at `path` lets 0.0.0.0/0 or ::/0 reach any of the ports (over TCP, UDP or
 * all traffic). One quantifier for all ports, so each offending rule is reported once.
 */
export function noWorldIngressTo(path: string, ports: readonly number[]): Condition {
  const reach = ports.map(covers);
  return {
    path,
    none: {
      all: [
        { path: "world", op: "eq", value: true },
        { path: "protocol", op: "in", value: PORT_PROTOCOLS },
        reach.length === 1 && reach[0] ? reach[0] : { any: reach },
      ],
    },
  };
}

/** "port 22", "ports 22, 3389" */
export function portsPhrase(ports: readonly number[]): string {
  return `port${ports.length > 1 ? "s" : ""} ${ports.join(", ")}`;
}

/** A port not in the list (443 when it can be), for examples of ports that may stay open. */
export function portOutside(ports: readonly number[]): number {
  let port = 443;
  while (ports.includes(port)) port = (port + 1) % 65536;
  return port;
}

/** A complete ingress rule (examples replace whole lists, so entries are written in full). */
export function exampleRule(overrides: Partial<SecurityGroupRuleModel> = {}): SecurityGroupRuleModel {
  return {
    protocol: "tcp", fromPort: 443, toPort: 443, source: "10.0.0.0/16", sourceType: "cidr", world: false,
    prefixLength: 16, publicCidr: false, groupId: "sg-0example", ...overrides,
  };
}

/** A world-open TCP rule to one port. */
export function worldRule(port: number, overrides: Partial<SecurityGroupRuleModel> = {}): SecurityGroupRuleModel {
  return exampleRule({ fromPort: port, toPort: port, source: "0.0.0.0/0", world: true, prefixLength: 0, publicCidr: true, ...overrides });
}
