// Controls for any kind (kind "*"): required tags, allowed tag values and naming conventions.
// The translator makes one rule per kind the intent names (see instantiate.ts).
import { AgpmError } from "../../core/errors.js";
import { findKind } from "../registry.js";
import type { ResourceEnvelope } from "../../contracts/resource.js";
import { PathSchema } from "../../contracts/policy.js";
import type { Condition } from "../../contracts/policy.js";
import { globToRegExp } from "../scope.js";
import { ANY_KIND } from "../control.js";
import type { ControlDefinition, TagValuesParam } from "../control.js";

/** Without a tagValues param: the conventional environment tag and its usual values. */
export const DEFAULT_TAG_VALUES: TagValuesParam = { key: "env", values: ["prod", "staging", "dev", "test"] };
/** Without a namePattern param: lower-case letters, digits, '.' and '-' (DNS-style names). */
export const DEFAULT_NAME_PATTERN = "^[a-z0-9][a-z0-9.-]*$";

/** "S3 bucket", "Security group", or "Resource" when the kind is not given. */
function subject(kind: string | undefined): string {
  const noun = kind ? findKind(kind)?.noun : undefined;
  return noun ? noun.charAt(0).toUpperCase() + noun.slice(1) : "Resource";
}

/** The condition path of a tag, refusing keys a path cannot address (spaces, '+', '=', '@'). */
function tagPath(key: string): string {
  const path = `tags.${key}`;
  if (!PathSchema.safeParse(path).success) {
    throw new AgpmError("POLICY_INVALID", `tag key ${JSON.stringify(key)} cannot be checked: use letters, digits, '_', '-', '.', ':' or '/'`, { details: { key } });
  }
  return path;
}

/** A regex source from a glob (`prod-*`, case-insensitive) or a regex (`^…`, `…$` or `/…/`). */
export function namePatternRegex(pattern: string): string {
  const slashed = /^\/(.+)\/$/.exec(pattern);
  const source = slashed?.[1] ?? (pattern.startsWith("^") || pattern.endsWith("$") ? pattern : `(?i)${globToRegExp(pattern).source}`);
  try {
    new RegExp(source.startsWith("(?i)") ? source.slice(4) : source);
  } catch (error) {
    throw new AgpmError("POLICY_INVALID", `name pattern ${JSON.stringify(pattern)} is not a valid regular expression: ${(error as Error).message}`, { details: { pattern } });
  }
  return source;
}

export const tagsRequired: ControlDefinition<ResourceEnvelope> = {
  id: "tags.required",
  kind: ANY_KIND,
  title: "Resources carry the required tags",
  description: "The resource carries every tag the intent names (with the value it names, if any); with none named, at least one tag. Tagging is manual guidance.",
  severity: "low",
  benchmarks: [],
  words: ["required tags", "required tag", "mandatory tags", "mandatory tag", "must be tagged", "must have tags", "must carry tags", "tagging policy", "tagging standard", "tagging rules", "untagged", "missing tags", "tag compliance", "cost allocation tags", "required-tags"],
  takes: ["tags"],
  build: ({ tags }, kind) => {
    const entries = Object.entries(tags ?? {});
    const checks = entries.map(([key, value]): Condition => (value === null ? { path: tagPath(key), op: "exists" } : { path: tagPath(key), op: "eq", value }));
    const listed = entries.map(([key, value]) => (value === null ? key : `${key}=${value}`)).join(", ");
    return {
      title: entries.length > 0 ? `${subject(kind)} carries the tag${entries.length > 1 ? "s" : ""} ${listed}` : `${subject(kind)} carries at least one tag`,
      require: checks.length === 0 ? { path: "tags", op: "not-empty" } : checks.length === 1 && checks[0] ? checks[0] : { all: checks },
      remediation: { action: "tags.add-required-tags", params: { tags: Object.fromEntries(entries) } },
    };
  },
  examples: ({ tags }) => {
    const entries = Object.entries(tags ?? {});
    if (entries.length === 0) return { compliant: { tags: { owner: "payments", env: "prod" } }, noncompliant: { tags: {} } };
    const carried = Object.fromEntries(entries.map(([key, value]) => [key, value ?? "set"]));
    // Every tag but the first: one missing tag is enough to fail.
    return { compliant: { tags: carried }, noncompliant: { tags: Object.fromEntries(Object.entries(carried).slice(1)) } };
  },
};

export const tagsAllowedValues: ControlDefinition<ResourceEnvelope> = {
  id: "tags.allowed-values",
  kind: ANY_KIND,
  title: "Tag values are from the allowed set",
  description: `When the resource carries the tag, its value is one of the allowed values or matches the pattern (default: ${DEFAULT_TAG_VALUES.key} in ${DEFAULT_TAG_VALUES.values?.join(", ")}); a missing tag is tags.required's concern.`,
  severity: "low",
  benchmarks: [],
  words: ["allowed values", "allowed tag values", "allowed value", "tag values", "tag value", "valid tag values", "permitted values", "permitted tag values", "tag value pattern", "must be one of"],
  takes: ["tagValues"],
  build: ({ tagValues = DEFAULT_TAG_VALUES }, kind) => {
    const path = tagPath(tagValues.key);
    const allowed: Condition[] = [];
    if (tagValues.values) allowed.push({ path, op: "in", value: tagValues.values });
    if (tagValues.pattern) allowed.push({ path, op: "matches", value: tagValues.pattern });
    const what = [tagValues.values ? `one of ${tagValues.values.join(", ")}` : "", tagValues.pattern ? `matching ${tagValues.pattern}` : ""].filter(Boolean).join(" or ");
    return {
      title: `${subject(kind)}'s ${tagValues.key} tag is ${what || "not empty"}`,
      when: { path, op: "exists" },
      require: allowed.length === 0 ? { path, op: "not-empty" } : allowed.length === 1 && allowed[0] ? allowed[0] : { any: allowed },
      remediation: { action: "tags.add-required-tags", params: { tags: { [tagValues.key]: null } } },
    };
  },
  examples: ({ tagValues = DEFAULT_TAG_VALUES }) => {
    const [allowed] = tagValues.values ?? [];
    // A value that only a pattern could admit cannot be written down in general.
    if (allowed === undefined) return null;
    return { compliant: { tags: { [tagValues.key]: allowed } }, noncompliant: { tags: { [tagValues.key]: "not-an-allowed-value" } } };
  },
};

export const namesPattern: ControlDefinition<ResourceEnvelope> = {
  id: "names.pattern",
  kind: ANY_KIND,
  title: "Resource names follow the naming convention",
  description: `The resource's name (its id when it has no name) matches the glob or regular expression given (default ${DEFAULT_NAME_PATTERN}). Names are often immutable, so there is no automatic fix.`,
  severity: "low",
  benchmarks: [],
  words: ["naming convention", "naming conventions", "naming standard", "naming standards", "naming pattern", "naming scheme", "naming policy", "name pattern", "names must match", "names must start with", "name must match", "name prefix"],
  takes: ["namePattern"],
  build: ({ namePattern = DEFAULT_NAME_PATTERN }, kind) => {
    const regex = namePatternRegex(namePattern);
    return {
      title: `${subject(kind)}'s name matches ${namePattern}`,
      require: {
        any: [
          { all: [{ path: "name", op: "exists" }, { path: "name", op: "matches", value: regex }] },
          { all: [{ path: "name", op: "absent" }, { path: "id", op: "matches", value: regex }] },
        ],
      },
    };
  },
  examples: ({ namePattern }) => {
    if (namePattern === undefined) return { compliant: { id: "payments-data", name: "payments-data" }, noncompliant: { id: "Payments_Data", name: "Payments_Data" } };
    // A glob's match is the glob with its wildcards filled in; a regex's cannot be written down in general.
    if (namePatternRegex(namePattern) !== `(?i)${globToRegExp(namePattern).source}`) return null;
    const match = namePattern.replace(/[*?]/g, "x");
    return { compliant: { name: match }, noncompliant: { name: "~no match~" } };
  },
};
