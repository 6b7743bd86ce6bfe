// CIDR facts for security-group sources: prefix length, and whether a range lies inside the
// private/reserved address space (so only the internet-reachable ranges count as public).
import ipaddr from "ipaddr.js";

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

/**
 * Parses "a.b.c.d/n" or "x:y::z/n" (IPv4-mapped IPv6 ranges as their IPv4 range); null when it
 * is not a CIDR. IPv4 must be four decimal parts, as AWS writes it: ipaddr.js alone would also
 * read "010.0.0.0/8" as octal and "1.2.3/8" as three parts.
 */
export function parseCidr(text: string): Cidr | null {
  const trimmed = text.trim();
  let cidr: Cidr;
  if (ipaddr.IPv4.isValidCIDRFourPartDecimal(trimmed)) cidr = ipaddr.IPv4.parseCIDR(trimmed);
  else if (ipaddr.IPv6.isValidCIDR(trimmed) && !trimmed.includes("%")) cidr = ipaddr.IPv6.parseCIDR(trimmed);
  else return null;
  const [address, prefix] = cidr;
  if (address instanceof ipaddr.IPv6 && address.isIPv4MappedAddress() && prefix >= 96) return [address.toIPv4Address(), prefix - 96];
  return cidr;
}

const RESERVED: readonly Cidr[] = [
  "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
  "fc00::/7", "fe80::/10",
].map((c) => parseCidr(c) as Cidr);

/** True when every address of `inner` lies in `outer`. */
function within([address, prefix]: Cidr, outer: Cidr): boolean {
  return address.kind() === outer[0].kind() && prefix >= outer[1] && address.match(outer);
}

export interface CidrFacts {
  prefixLength: number | null;
  /** Some of the range is outside the private and reserved ranges. */
  publicCidr: boolean;
}

/**
 * Prefix length (as written) and public-ness of a CIDR source. A range that only partly overlaps
 * a private range (10.0.0.0/7) is public; text that is not a CIDR is neither measured nor public.
 * @example cidrFacts("198.51.100.0/22") // { prefixLength: 22, publicCidr: true }
 */
export function cidrFacts(text: string): CidrFacts {
  const cidr = parseCidr(text);
  if (!cidr) return { prefixLength: null, publicCidr: false };
  const written = Number(text.trim().split("/")[1]);
  return { prefixLength: written, publicCidr: !RESERVED.some((r) => within(cidr, r)) };
}
