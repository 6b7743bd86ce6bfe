// EC2 `Filters` (name + values, `*`/`?` wildcards, tag:Key and tag-key) for the kinds the sandbox
// serves; a filter we do not simulate is refused loudly rather than ignored.
import type { Filter } from "@aws-sdk/client-ec2";
import { AgpmError } from "../../../../core/errors.js";

type Item = Record<string, unknown>;
type Getter = (item: Item) => unknown;

const path =
  (...keys: string[]): Getter =>
  (item) => {
    let value: unknown = item;
    for (const key of keys) {
      if (Array.isArray(value)) return value.map((v) => (v as Item | undefined)?.[key]);
      value = (value as Item | undefined)?.[key];
    }
    return value;
  };

/** Filter name → value(s) of an item, per kind. */
export const EC2_FILTERS: Record<string, Record<string, Getter>> = {
  instances: {
    "instance-id": path("InstanceId"),
    "instance-state-name": path("State", "Name"),
    "instance-state-code": path("State", "Code"),
    "instance-type": path("InstanceType"),
    "image-id": path("ImageId"),
    "vpc-id": path("VpcId"),
    "subnet-id": path("SubnetId"),
    "key-name": path("KeyName"),
    "availability-zone": path("Placement", "AvailabilityZone"),
    "instance.group-id": path("SecurityGroups", "GroupId"),
    "metadata-options.http-tokens": path("MetadataOptions", "HttpTokens"),
    "metadata-options.http-endpoint": path("MetadataOptions", "HttpEndpoint"),
  },
  securityGroups: {
    "group-id": path("GroupId"),
    "group-name": path("GroupName"),
    "vpc-id": path("VpcId"),
    description: path("Description"),
    "owner-id": path("OwnerId"),
  },
  volumes: {
    "volume-id": path("VolumeId"),
    status: path("State"),
    encrypted: path("Encrypted"),
    "availability-zone": path("AvailabilityZone"),
    "volume-type": path("VolumeType"),
    "snapshot-id": path("SnapshotId"),
    size: path("Size"),
    "attachment.instance-id": path("Attachments", "InstanceId"),
    "attachment.status": path("Attachments", "State"),
  },
  snapshots: {
    "snapshot-id": path("SnapshotId"),
    "volume-id": path("VolumeId"),
    "owner-id": path("OwnerId"),
    status: path("State"),
    encrypted: path("Encrypted"),
  },
  images: { "image-id": path("ImageId"), name: path("Name"), state: path("State"), "owner-id": path("OwnerId"), "is-public": path("Public") },
  vpcs: { "vpc-id": path("VpcId"), "is-default": path("IsDefault"), state: path("State"), "cidr-block": path("CidrBlock") },
  flowLogs: { "flow-log-id": path("FlowLogId"), "resource-id": path("ResourceId"), "log-destination-type": path("LogDestinationType") },
};

function wildcard(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${escaped}$`);
}

function tagValues(item: Item, key: string | null): unknown[] {
  const tags = (item["Tags"] as Array<{ Key?: string; Value?: string }> | undefined) ?? [];
  return key === null ? tags.map((t) => t.Key) : tags.filter((t) => t.Key === key).map((t) => t.Value);
}

/** A predicate for all filters (AND across filters, OR across one filter's values). */
export function filterPredicate(kind: string, command: string, filters: readonly Filter[] | undefined): (item: Item) => boolean {
  if (!filters || filters.length === 0) return () => true;
  const tests = filters.map((filter) => {
    const name = filter.Name ?? "";
    const getter: Getter | undefined = name.startsWith("tag:")
      ? (item) => tagValues(item, name.slice(4))
      : name === "tag-key"
        ? (item) => tagValues(item, null)
        : EC2_FILTERS[kind]?.[name];
    if (!getter) {
      throw new AgpmError("SANDBOX_UNSUPPORTED_COMMAND", `The sandbox does not simulate the EC2 filter "${name}" of ${command}`, {
        details: { client: "EC2Client", command, filter: name },
      });
    }
    const patterns = (filter.Values ?? []).map(wildcard);
    return (item: Item) => {
      const raw = getter(item);
      const values = (Array.isArray(raw) ? raw : [raw]).filter((v) => v !== undefined && v !== null).map(String);
      return values.some((v) => patterns.some((p) => p.test(v)));
    };
  });
  return (item) => tests.every((test) => test(item));
}
