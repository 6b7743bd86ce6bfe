import { describe, expect, it } from "vitest";
import { coversPort, flattenPermissions, worldRuleToPermission } from "../../tools/aws/collectors/sg-rules.js";

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
