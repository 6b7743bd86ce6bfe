// Turns recognised entities into a policy scope.
import type { Scope } from "../../contracts/policy.js";
import type { ParsedIntent } from "../../language/parse.js";

export function scopeFromEntities(entities: ParsedIntent["entities"]): Scope {
  const scope: Scope = {};
  if (entities.regions.length > 0) scope.regions = [...new Set(entities.regions)].sort();
  if (Object.keys(entities.tags).length > 0) scope.tags = { ...entities.tags };
  if (entities.names.length > 0) scope.names = [...new Set(entities.names)];
  const exclude: NonNullable<Scope["exclude"]> = {};
  if (Object.keys(entities.excludeTags).length > 0) exclude.tags = { ...entities.excludeTags };
  if (entities.excludeNames.length > 0) exclude.names = [...new Set(entities.excludeNames)];
  if (Object.keys(exclude).length > 0) scope.exclude = exclude;
  return scope;
}

/** "in eu-west-1, tagged env=prod, except tagged public-website=true" */
export function describeScope(scope: Scope): string {
  const parts: string[] = [];
  if (scope.regions) parts.push(`in ${scope.regions.join(", ")}`);
  const tags = (t: Record<string, string | null>) => Object.entries(t).map(([k, v]) => (v === null ? k : `${k}=${v}`)).join(", ");
  if (scope.tags) parts.push(`tagged ${tags(scope.tags)}`);
  if (scope.names) parts.push(`named ${scope.names.join(" or ")}`);
  if (scope.exclude?.tags) parts.push(`except those tagged ${tags(scope.exclude.tags)}`);
  if (scope.exclude?.names) parts.push(`except ${scope.exclude.names.join(", ")}`);
  return parts.length > 0 ? parts.join(", ") : "everywhere";
}
