// The params every domain's resources can take: ports, durations, counts, CIDR widths, tags and name patterns.
import { ControlParamsSchema } from "./control.js";
import type { ParamDefinition } from "./domain.js";

const shape = ControlParamsSchema.shape;
const positive = (v: unknown): number | undefined => (typeof v === "number" && v > 0 ? v : undefined);
const nonEmptyRecord = (v: unknown): Record<string, string | null> | undefined =>
  v && typeof v === "object" && Object.keys(v).length > 0 ? (v as Record<string, string | null>) : undefined;

export const NEUTRAL_PARAMS: readonly ParamDefinition[] = [
  {
    name: "ports", description: "Ports (TCP/UDP) the intent names: \"SSH\", \"port 5432\", \"MySQL\".", schema: shape.ports.unwrap(), sample: [22, 3389],
    recognise: (found) => (Array.isArray(found.ports) && found.ports.length > 0 ? (found.ports as number[]) : undefined),
  },
  { name: "days", description: "A duration in whole days.", schema: shape.days.unwrap(), sample: 30, recognise: (found) => positive(found.days) },
  { name: "count", description: "A count limit.", schema: shape.count.unwrap(), sample: 50, recognise: (found) => positive(found.count) },
  {
    name: "prefixLength", description: "A CIDR prefix length: public sources wider than it are refused.", schema: shape.prefixLength.unwrap(), sample: 16,
    recognise: (found) => (typeof found.prefixLength === "number" ? found.prefixLength : undefined),
  },
  { name: "tags", description: "Tags a resource must carry: key → required value, or null for any value.", schema: shape.tags.unwrap(), sample: { owner: null }, recognise: (found) => nonEmptyRecord(found.requiredTags) },
  {
    name: "tagValues", description: "The values (or pattern) one tag's value must take.", schema: shape.tagValues.unwrap(), sample: { key: "env", values: ["prod", "dev"] },
    recognise: (found) => (found.tagValues ? (found.tagValues as ParamDefinition<"tagValues">["sample"]) : undefined),
  },
  {
    name: "namePattern", description: "A glob or regular expression names or ids must match.", schema: shape.namePattern.unwrap(), sample: "prod-*",
    recognise: (found) => (typeof found.namePattern === "string" && found.namePattern ? found.namePattern : undefined),
  },
] satisfies ReadonlyArray<ParamDefinition<"ports"> | ParamDefinition<"days"> | ParamDefinition<"count"> | ParamDefinition<"prefixLength"> | ParamDefinition<"tags"> | ParamDefinition<"tagValues"> | ParamDefinition<"namePattern">> as readonly ParamDefinition[];
