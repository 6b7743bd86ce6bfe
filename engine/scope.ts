// Which resources a policy's scope selects: partitions (AWS: regions), tags, name globs and exclusions, compiled once.
import { locationOf, type Resource } from "../contracts/resource.js";
import type { Scope } from "../contracts/policy.js";

export type ScopePredicate = (resource: Resource) => boolean;
type TagMatch = Record<string, string | null>;

/**
 * A glob as a case-insensitive regex: `*` is any run of characters, `?` exactly one,
 * everything else literal.
 * @example globToRegExp("prod-*").test("PROD-logs") // true
 */
export function globToRegExp(glob: string): RegExp {
  let source = "";
  for (const ch of glob) {
    if (ch === "*") source += ".*";
    else if (ch === "?") source += ".";
    else source += ch.replace(/[\\^$.|+()[\]{}]/g, "\\$&");
  }
  return new RegExp(`^${source}$`, "is");
}

function namesMatcher(globs: readonly string[]): (resource: Resource) => boolean {
  const patterns = globs.map(globToRegExp);
  return (resource) => {
    for (const p of patterns) if (p.test(resource.id) || (typeof resource.name === "string" && p.test(resource.name))) return true;
    return false;
  };
}

const NO_TAGS: Record<string, string> = {};

/** How many of the listed tags a resource carries (a null value accepts any value). */
function tagCounter(match: TagMatch): (resource: Resource) => number {
  const entries = Object.entries(match);
  return (resource) => {
    const tags = resource.tags ?? NO_TAGS;
    let count = 0;
    for (const [key, value] of entries) if (Object.hasOwn(tags, key) && (value === null || tags[key] === value)) count++;
    return count;
  };
}

function hasEntries(value: object | undefined): value is object {
  return value !== undefined && Object.keys(value).length > 0;
}

/**
 * The partitions a scope selects: `partitions` and `regions` (the AWS spelling, as stored policies
 * have it) together; undefined when neither narrows the scope.
 * @example scopePartitions({ regions: ["eu-west-1"] }) // ["eu-west-1"]
 */
export function scopePartitions(scope: Scope): readonly string[] | undefined {
  const all = [...(scope.regions ?? []), ...(scope.partitions ?? [])];
  return all.length > 0 ? [...new Set(all)] : undefined;
}

/**
 * Compiles a scope into a predicate. A resource is in scope when its location's partition is in
 * {@link scopePartitions},
 * carries every tag in `tags` (a null value accepts any value), and its id or name matches one
 * of `names` — each only when given — and it carries none of the `exclude.tags` and matches
 * none of the `exclude.names`. Tag keys and values are case-sensitive, as in AWS; names are not.
 * @example compileScope({ regions: ["eu-west-1"], exclude: { tags: { exempt: null } } })(bucket)
 */
export function compileScope(scope: Scope): ScopePredicate {
  const tests: ScopePredicate[] = [];
  const partitions = scopePartitions(scope);
  if (partitions) {
    const wanted = new Set(partitions);
    tests.push((r) => wanted.has(locationOf(r).partition));
  }
  if (hasEntries(scope.tags)) {
    const carried = tagCounter(scope.tags);
    const needed = Object.keys(scope.tags).length;
    tests.push((r) => carried(r) === needed);
  }
  if (scope.names && scope.names.length > 0) tests.push(namesMatcher(scope.names));
  if (hasEntries(scope.exclude?.tags)) {
    const excluded = tagCounter(scope.exclude.tags);
    tests.push((r) => excluded(r) === 0);
  }
  if (scope.exclude?.names && scope.exclude.names.length > 0) {
    const excluded = namesMatcher(scope.exclude.names);
    tests.push((r) => !excluded(r));
  }
  const [only] = tests;
  if (tests.length === 0) return () => true;
  if (tests.length === 1 && only) return only;
  return (resource) => {
    for (const test of tests) if (!test(resource)) return false;
    return true;
  };
}

/** One-off form of {@link compileScope}; compile once when checking many resources. */
export function inScope(scope: Scope, resource: Resource): boolean {
  return compileScope(scope)(resource);
}
