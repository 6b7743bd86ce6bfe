import { describe, expect, it } from "vitest";
import { cidrFacts } from "../../tools/aws/collectors/cidr.js";
import { coversPort, flattenPermissions, ruleToPermission, worldRuleToPermission } from "../../tools/aws/collectors/sg-rules.js";

describe("when security-group permissions are flattened", () => {
  it("makes one rule per source, of every source type", () => {
    const rules = flattenPermissions([
      {
        IpProtocol: "tcp", FromPort: 443, ToPort: 443,
        IpRanges: [{ CidrIp: "0.0.0.0/0" }, { CidrIp: "10.0.0.0/8" }],
        Ipv6Ranges: [{ CidrIpv6: "::/0" }],
        UserIdGroupPairs: [{ GroupId: "sg-0abc" }],
        PrefixListIds: [{ PrefixListId: "pl-1234" }],
      },
    ]);
    expect(rules.map((r) => [r.source, r.sourceType, r.world])).toEqual([
      ["0.0.0.0/0", "cidr", true],
      ["10.0.0.0/8", "cidr", false],
      ["::/0", "cidr", true],
      ["sg-0abc", "security-group", false],
      ["pl-1234", "prefix-list", false],
    ]);
    expect(rules.every((r) => r.protocol === "tcp" && r.fromPort === 443 && r.toPort === 443)).toBe(true);
  });

  it("gives all-traffic rules the whole port range", () => {
    const [rule] = flattenPermissions([{ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] }]);
    expect(rule).toMatchObject({ protocol: "-1", fromPort: 0, toPort: 65535, world: true });
  });

  it("answers which ports a rule lets through", () => {
    const [ssh, all, icmp] = flattenPermissions([
      { IpProtocol: "tcp", FromPort: 20, ToPort: 22, IpRanges: [{ CidrIp: "0.0.0.0/0" }] },
      { IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] },
      { IpProtocol: "icmp", FromPort: -1, ToPort: -1, IpRanges: [{ CidrIp: "0.0.0.0/0" }] },
    ]);
    expect([coversPort(ssh!, 22), coversPort(ssh!, 23), coversPort(all!, 3389), coversPort(icmp!, 22)]).toEqual([true, false, true, false]);
  });

  it("turns a world rule back into the permission that revokes only it", () => {
    const [v4, v6] = flattenPermissions([
      { IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "0.0.0.0/0" }], Ipv6Ranges: [{ CidrIpv6: "::/0" }] },
    ]);
    expect(worldRuleToPermission(v4!)).toEqual({ IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "0.0.0.0/0" }] });
    expect(worldRuleToPermission(v6!)).toEqual({ IpProtocol: "tcp", FromPort: 22, ToPort: 22, Ipv6Ranges: [{ CidrIpv6: "::/0" }] });
    const [all] = flattenPermissions([{ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] }]);
    expect(worldRuleToPermission(all!)).toEqual({ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] });
  });
});

describe("when a CIDR source is measured", () => {
  it.each([
    ["0.0.0.0/0", 0, true],
    ["::/0", 0, true],
    ["203.0.113.7/32", 32, true],
    ["198.51.100.0/22", 22, true],
    ["10.0.0.0/8", 8, false],
    ["10.20.0.0/16", 16, false],
    ["172.16.0.0/12", 12, false],
    ["172.31.255.0/24", 24, false],
    ["172.32.0.0/16", 16, true],
    ["192.168.1.0/24", 24, false],
    ["100.64.0.0/10", 10, false],
    ["100.128.0.0/16", 16, true],
    ["127.0.0.1/32", 32, false],
    ["169.254.169.254/32", 32, false],
    ["fd12:3456:789a::/48", 48, false],
    ["fc00::/7", 7, false],
    ["fe80::1/128", 128, false],
    ["2001:db8::/32", 32, true],
    ["2600:1f18:abcd:ef00::/56", 56, true],
  ])("%s has prefix /%i and is public: %s", (cidr, prefixLength, publicCidr) => {
    expect(cidrFacts(cidr)).toEqual({ prefixLength, publicCidr });
  });

  it("counts a range that only partly overlaps a private one as public", () => {
    expect(cidrFacts("10.0.0.0/7")).toEqual({ prefixLength: 7, publicCidr: true });
    expect(cidrFacts("192.0.0.0/8")).toEqual({ prefixLength: 8, publicCidr: true });
  });

  it("judges an IPv4-mapped IPv6 range by the IPv4 range it maps", () => {
    expect(cidrFacts("::ffff:10.0.0.0/104")).toEqual({ prefixLength: 104, publicCidr: false });
    expect(cidrFacts("::ffff:0:0/96")).toEqual({ prefixLength: 96, publicCidr: true });
    expect(cidrFacts("::ffff:198.51.100.0/120")).toEqual({ prefixLength: 120, publicCidr: true });
  });

  it("neither measures nor calls public what is not a CIDR", () => {
    for (const text of ["10.0.0.1", "300.0.0.0/8", "10.0.0.0/33", "2001:db8::/129", "1:2:3:4:5:6:7:8:9/64", "x/8", "010.0.0.0/8", "1.2.3/8", "fe80::1%eth0/64"]) {
      expect(cidrFacts(text), text).toEqual({ prefixLength: null, publicCidr: false });
    }
  });

  it("tags every flattened rule with its group and measures only CIDR sources", () => {
    const rules = flattenPermissions([
      { IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "198.51.100.0/24" }], UserIdGroupPairs: [{ GroupId: "sg-2" }], PrefixListIds: [{ PrefixListId: "pl-1" }] },
    ], "sg-1");
    expect(rules.map((r) => [r.source, r.prefixLength, r.publicCidr, r.groupId])).toEqual([
      ["198.51.100.0/24", 24, true, "sg-1"],
      ["sg-2", null, false, "sg-1"],
      ["pl-1", null, false, "sg-1"],
    ]);
  });
});

describe("when any flattened rule is turned back into a permission", () => {
  it("names a group or prefix-list source the way EC2 does", () => {
    const [group, list] = flattenPermissions([
      { IpProtocol: "-1", UserIdGroupPairs: [{ GroupId: "sg-2" }] },
      { IpProtocol: "tcp", FromPort: 443, ToPort: 443, PrefixListIds: [{ PrefixListId: "pl-1" }] },
    ], "sg-1");
    expect(ruleToPermission(group!)).toEqual({ IpProtocol: "-1", UserIdGroupPairs: [{ GroupId: "sg-2" }] });
    expect(ruleToPermission(list!)).toEqual({ IpProtocol: "tcp", FromPort: 443, ToPort: 443, PrefixListIds: [{ PrefixListId: "pl-1" }] });
  });
});
