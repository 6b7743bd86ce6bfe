// Region rules and id lookups over a loaded state, built lazily and dropped on reload.
import { SANDBOX_LISTS, type SandboxListName, type SandboxState } from "./schema.js";

type Item = Record<string, unknown> & { Region?: string | undefined };

/** us-east-1a → us-east-1 (also Local Zones such as us-west-2-lax-1a → us-west-2). */
export function regionOfZone(zone: unknown): string | undefined {
  if (typeof zone !== "string") return undefined;
  const match = /^([a-z]{2}(?:-[a-z]+)+-\d+)/.exec(zone);
  return match?.[1];
}

function zoneOf(item: Item): unknown {
  const placement = item["Placement"] as { AvailabilityZone?: unknown } | undefined;
  return placement?.AvailabilityZone ?? item["AvailabilityZone"];
}

/** Resource region: its "Region", else (instances, volumes) its zone, else the file's region. */
export function regionOf(item: Item, fallback: string, impliedByZone = false): string {
  if (item.Region) return item.Region;
  return (impliedByZone ? regionOfZone(zoneOf(item)) : undefined) ?? fallback;
}

export type ListName = SandboxListName;

/** Each list's section, and the lists whose items without "Region" live in their zone's region. */
const SECTION_OF: ReadonlyMap<string, string> = new Map(SANDBOX_LISTS.map((l) => [l.list, l.section]));
const ZONED: ReadonlySet<string> = new Set(SANDBOX_LISTS.filter((l) => l.zoned).map((l) => l.list));

export function listOf(state: SandboxState, name: ListName): Item[] {
  const section = state[SECTION_OF.get(name) ?? ""] as Record<string, Item[]> | undefined;
  return section?.[name] ?? [];
}

/** Per-list region buckets and id maps, computed once per loaded state. */
export class SandboxLookup {
  private readonly byRegionCache = new Map<ListName, Map<string, Item[]>>();
  private readonly byIdCache = new Map<string, Map<string, Item>>();

  constructor(private readonly state: SandboxState) {}

  regionOf(list: ListName, item: Item): string {
    return regionOf(item, this.state.region, ZONED.has(list));
  }

  /** Items of a list that live in a region, in file order. */
  inRegion(list: ListName, region: string): Item[] {
    let map = this.byRegionCache.get(list);
    if (!map) {
      map = new Map();
      for (const item of listOf(this.state, list)) {
        const key = this.regionOf(list, item);
        const bucket = map.get(key);
        if (bucket) bucket.push(item);
        else map.set(key, [item]);
      }
      this.byRegionCache.set(list, map);
    }
    return map.get(region) ?? [];
  }

  /** The item of a list with `idField` = id (any region), or undefined. */
  byId(list: ListName, idField: string, id: string): Item | undefined {
    const key = `${list}.${idField}`;
    let map = this.byIdCache.get(key);
    if (!map) {
      map = new Map();
      for (const item of listOf(this.state, list)) map.set(String(item[idField]), item);
      this.byIdCache.set(key, map);
    }
    return map.get(id);
  }

  /** Every region the file mentions, plus its default region, sorted. */
  regions(): string[] {
    const found = new Set<string>([this.state.region, ...Object.keys(this.state.ec2.ebsEncryptionByDefault)]);
    for (const { list } of SANDBOX_LISTS as ReadonlyArray<{ list: ListName }>) {
      this.inRegion(list, this.state.region);
      for (const region of this.byRegionCache.get(list)?.keys() ?? []) found.add(region);
    }
    return [...found].sort();
  }
}
