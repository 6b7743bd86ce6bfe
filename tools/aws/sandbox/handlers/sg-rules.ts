// Security-group permission arithmetic as EC2 does it: a permission is (protocol, ports) plus a set
// of sources; revoking removes exactly the named sources, authorizing adds them (no duplicates).
import type { IpPermission, SecurityGroupRule } from "@aws-sdk/client-ec2";
import { createHash } from "node:crypto";
import type { IpPermission as StoredPermission } from "../schema.js";

type Entry = Record<string, unknown>;

/** Source lists of a permission and the member that identifies an entry of each. */
const SOURCES = [
  { list: "IpRanges", key: "CidrIp", rule: "CidrIpv4" },
  { list: "Ipv6Ranges", key: "CidrIpv6", rule: "CidrIpv6" },
  { list: "PrefixListIds", key: "PrefixListId", rule: "PrefixListId" },
  { list: "UserIdGroupPairs", key: "GroupId", rule: "ReferencedGroupId" },
] as const;

const PROTOCOL_NUMBERS: Record<string, string> = { "6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6", all: "-1" };

export function normalizeProtocol(protocol: string | undefined): string {
  const lower = (protocol ?? "-1").toLowerCase();
  return PROTOCOL_NUMBERS[lower] ?? lower;
}

function keyOf(p: { IpProtocol?: string | undefined; FromPort?: number | undefined; ToPort?: number | undefined }): string {
  const protocol = normalizeProtocol(p.IpProtocol);
  return protocol === "-1" ? protocol : `${protocol}:${p.FromPort ?? -1}:${p.ToPort ?? -1}`;
}

function entriesOf(p: object, list: string): Entry[] {
  return ((p as Record<string, unknown>)[list] as Entry[] | undefined) ?? [];
}

/** A deterministic rule id for a (group, direction, permission, source), like sgr-0123456789abcdef0. */
function ruleId(groupId: string, egress: boolean, key: string, source: string): string {
  return `sgr-${createHash("sha256").update(`${groupId}|${egress}|${key}|${source}`).digest("hex").slice(0, 17)}`;
}

function ruleOf(groupId: string, egress: boolean, p: IpPermission, source: (typeof SOURCES)[number], entry: Entry): SecurityGroupRule {
  const protocol = normalizeProtocol(p.IpProtocol);
  const id = String(entry[source.key]);
  return {
    SecurityGroupRuleId: ruleId(groupId, egress, keyOf(p), id),
    GroupId: groupId,
    IsEgress: egress,
    IpProtocol: protocol,
    FromPort: protocol === "-1" ? -1 : (p.FromPort ?? -1),
    ToPort: protocol === "-1" ? -1 : (p.ToPort ?? -1),
    [source.rule]: id,
    ...(typeof entry["Description"] === "string" ? { Description: entry["Description"] } : {}),
  };
}

export interface RevokeResult {
  revoked: SecurityGroupRule[];
  unknown: IpPermission[];
}

/** Removes the requested sources from `permissions` in place; permissions left empty are dropped. */
export function revoke(permissions: StoredPermission[], requested: readonly IpPermission[], groupId: string, egress: boolean): RevokeResult {
  const result: RevokeResult = { revoked: [], unknown: [] };
  for (const want of requested) {
    // Files pasted or hand-written may split one (protocol, ports) over several permissions.
    const candidates = permissions.filter((p) => keyOf(p) === keyOf(want));
    const missing: Record<string, Entry[]> = {};
    for (const source of SOURCES) {
      for (const entry of entriesOf(want, source.list)) {
        const list = candidates.map((p) => entriesOf(p, source.list)).find((l) => l.some((e) => e[source.key] === entry[source.key]));
        if (!list) {
          (missing[source.list] ??= []).push(entry);
          continue;
        }
        const [removed] = list.splice(list.findIndex((e) => e[source.key] === entry[source.key]), 1);
        result.revoked.push(ruleOf(groupId, egress, want, source, removed ?? entry));
      }
    }
    if (Object.keys(missing).length > 0) result.unknown.push({ IpProtocol: want.IpProtocol, FromPort: want.FromPort, ToPort: want.ToPort, ...missing });
  }
  const kept = permissions.filter((p) => SOURCES.some((s) => entriesOf(p, s.list).length > 0));
  permissions.splice(0, permissions.length, ...kept);
  return result;
}

/** The first requested source that already exists, or null. */
export function findDuplicate(permissions: readonly StoredPermission[], requested: readonly IpPermission[]): string | null {
  for (const want of requested) {
    const candidates = permissions.filter((p) => keyOf(p) === keyOf(want));
    for (const source of SOURCES) {
      for (const entry of entriesOf(want, source.list)) {
        const taken = candidates.some((p) => entriesOf(p, source.list).some((e) => e[source.key] === entry[source.key]));
        if (taken) return `${keyOf(want)} ${String(entry[source.key])}`;
      }
    }
  }
  return null;
}

/** Adds the requested sources to `permissions` in place; returns the rules created. */
export function authorize(permissions: StoredPermission[], requested: readonly IpPermission[], groupId: string, egress: boolean): SecurityGroupRule[] {
  const created: SecurityGroupRule[] = [];
  for (const want of requested) {
    const protocol = normalizeProtocol(want.IpProtocol);
    let existing = permissions.find((p) => keyOf(p) === keyOf(want));
    if (!existing) {
      existing = { IpProtocol: protocol, ...(protocol === "-1" ? {} : { FromPort: want.FromPort, ToPort: want.ToPort }), IpRanges: [], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] };
      permissions.push(existing);
    }
    for (const source of SOURCES) {
      const target = ((existing as Record<string, unknown>)[source.list] ??= []) as Entry[];
      for (const entry of entriesOf(want, source.list)) {
        target.push({ ...entry });
        created.push(ruleOf(groupId, egress, want, source, entry));
      }
    }
  }
  return created;
}
