// CIDR arithmetic for security-group sources: prefix length, and whether a range lies inside the
// private/reserved address space (so only the internet-reachable ranges count as public).

interface Cidr {
  version: 4 | 6;
  /** The network address as a 32- or 128-bit integer. */
  address: bigint;
  prefix: number;
}

function parseIpv4(text: string): bigint | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return null;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

function parseGroups(text: string): number[] | null {
  if (text === "") return [];
  const groups = text.split(":");
  if (groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return null;
  return groups.map((g) => parseInt(g, 16));
}

function parseIpv6(text: string): bigint | null {
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const head = parseGroups(halves[0] ?? "");
  const tail = halves.length === 2 ? parseGroups(halves[1] ?? "") : [];
  if (head === null || tail === null) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<number>(Math.max(missing, 0)).fill(0), ...tail];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

/** Parses "a.b.c.d/n" or "x:y::z/n"; null when it is not a CIDR. */
export function parseCidr(text: string): Cidr | null {
  const [ip, bits, extra] = text.trim().split("/");
  if (ip === undefined || bits === undefined || extra !== undefined || !/^\d{1,3}$/.test(bits)) return null;
  const prefix = Number(bits);
  const version = ip.includes(":") ? 6 : 4;
  if (prefix > (version === 4 ? 32 : 128)) return null;
  const address = version === 4 ? parseIpv4(ip) : parseIpv6(ip);
  return address === null ? null : { version, address, prefix };
}

const RESERVED: readonly Cidr[] = [
  "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
  "fc00::/7", "fe80::/10",
].map((c) => parseCidr(c) as Cidr);

/** True when every address of `inner` lies in `outer`. */
function within(inner: Cidr, outer: Cidr): boolean {
  if (inner.version !== outer.version || inner.prefix < outer.prefix) return false;
  const width = BigInt(inner.version === 4 ? 32 : 128);
  const shift = width - BigInt(outer.prefix);
  return inner.address >> shift === outer.address >> shift;
}

export interface CidrFacts {
  prefixLength: number | null;
  /** Some of the range is outside the private and reserved ranges. */
  publicCidr: boolean;
}

/**
 * Prefix length and public-ness of a CIDR source. A range that only partly overlaps a private
 * range (10.0.0.0/7) is public; text that is not a CIDR is neither measured nor public.
 * @example cidrFacts("198.51.100.0/22") // { prefixLength: 22, publicCidr: true }
 */
export function cidrFacts(text: string): CidrFacts {
  const cidr = parseCidr(text);
  if (!cidr) return { prefixLength: null, publicCidr: false };
  return { prefixLength: cidr.prefix, publicCidr: !RESERVED.some((r) => within(cidr, r)) };
}
