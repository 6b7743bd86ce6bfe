// The params every domain's resources can take: ports, durations, counts, CIDR widths, tags and name
// patterns. Each carries its own schema; the registry builds the params schema from all domains' params.
import { z } from "zod";
import { TagValuesParamSchema, type ControlParams } from "./control.js";
import type { ParamDefinition } from "./domain.js";

/**
 * A param typed by its own name, widened for the registry's lists (a list of params of several
 * names cannot keep each one's type).
 */
export function defineParam<K extends keyof ControlParams>(param: ParamDefinition<K>): ParamDefinition {
  return param as ParamDefinition;
}

const positive = (v: unknown): number | undefined => (typeof v === "number" && v > 0 ? v : undefined);
const nonEmptyRecord = (v: unknown): Record<string, string | null> | undefined =>
  v && typeof v === "object" && Object.keys(v).length > 0 ? (v as Record<string, string | null>) : undefined;

// Ranks leave gaps where a domain's params stand between them (AWS: kmsKeyId 20, bpaFlags 60, targetBucket 70).
export const NEUTRAL_PARAMS: readonly ParamDefinition[] = [
  defineParam({
    name: "ports", description: "Ports (TCP/UDP) the intent names: \"SSH\", \"port 5432\", \"MySQL\".", rank: 10,
    schema: z.array(z.number().int().min(0).max(65535)).min(1), sample: [22, 3389],
    recognise: (found) => (Array.isArray(found.ports) && found.ports.length > 0 ? (found.ports as number[]) : undefined),
  }),
  defineParam({ name: "days", description: "A duration in whole days.", rank: 30, schema: z.number().int().positive(), sample: 30, recognise: (found) => positive(found.days) }),
  defineParam({ name: "count", description: "A count limit.", rank: 40, schema: z.number().int().positive(), sample: 50, recognise: (found) => positive(found.count) }),
  defineParam({
    name: "prefixLength", description: "A CIDR prefix length: public sources wider than it are refused.", rank: 50, schema: z.number().int().min(1).max(128), sample: 16,
    recognise: (found) => (typeof found.prefixLength === "number" ? found.prefixLength : undefined),
  }),
  defineParam({
    name: "tags", description: "Tags a resource must carry: key → required value, or null for any value.", rank: 80,
    schema: z.record(z.string().min(1), z.string().nullable()), sample: { owner: null }, recognise: (found) => nonEmptyRecord(found.requiredTags),
  }),
  defineParam({
    name: "tagValues", description: "The values (or pattern) one tag's value must take.", rank: 90, schema: TagValuesParamSchema, sample: { key: "env", values: ["prod", "dev"] },
    recognise: (found) => (found.tagValues ? (found.tagValues as NonNullable<ControlParams["tagValues"]>) : undefined),
  }),
  defineParam({
    name: "namePattern", description: "A glob or regular expression names or ids must match.", rank: 100, schema: z.string().min(1), sample: "prod-*",
    recognise: (found) => (typeof found.namePattern === "string" && found.namePattern ? found.namePattern : undefined),
  }),
];
