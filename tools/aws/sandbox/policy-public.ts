// Decides whether a resource policy is "public" the way S3 (GetBucketPolicyStatus, Block Public
// Access) does: an Allow to any principal that no condition pins to fixed, non-wildcard values.

type Json = Record<string, unknown>;

/** Condition keys whose fixed values restrict who can use a grant (AWS's "public" definition). */
const RESTRICTING_KEYS: ReadonlySet<string> = new Set([
  "aws:sourceip",
  "aws:sourcevpc",
  "aws:sourcevpce",
  "aws:sourceaccount",
  "aws:sourcearn",
  "aws:sourceowner",
  "aws:principalorgid",
  "aws:principalorgpaths",
  "aws:principalaccount",
  "aws:principalarn",
  "aws:userid",
  "s3:dataaccesspointaccount",
  "s3:dataaccesspointarn",
]);

/** Operators that pin a key to its values; Not* and *IfExists forms leave the grant open. */
const PINNING_OPERATORS = /^(ForAnyValue:|ForAllValues:)?(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike|IpAddress)$/;

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

function anyPrincipal(principal: unknown): boolean {
  if (principal === "*") return true;
  if (typeof principal !== "object" || principal === null) return false;
  return asList((principal as Json)["AWS"]).includes("*");
}

function isWideValue(key: string, value: unknown): boolean {
  if (typeof value !== "string") return true;
  if (key === "aws:sourceip") return /\/0$/.test(value);
  return value.includes("*") || value.includes("?");
}

function restricts(condition: unknown): boolean {
  if (typeof condition !== "object" || condition === null) return false;
  for (const [operator, block] of Object.entries(condition as Json)) {
    if (!PINNING_OPERATORS.test(operator) || typeof block !== "object" || block === null) continue;
    for (const [key, values] of Object.entries(block as Json)) {
      const lower = key.toLowerCase();
      const list = asList(values);
      if (RESTRICTING_KEYS.has(lower) && list.length > 0 && !list.some((v) => isWideValue(lower, v))) return true;
    }
  }
  return false;
}

/** True when a statement grants to everyone: Allow + any principal (or NotPrincipal) + no pinning condition. */
export function isPublicStatement(statement: unknown): boolean {
  if (typeof statement !== "object" || statement === null) return false;
  const s = statement as Json;
  if (s["Effect"] !== "Allow") return false;
  if (!anyPrincipal(s["Principal"]) && s["NotPrincipal"] === undefined) return false;
  return !restricts(s["Condition"]);
}

/** True when any statement of the policy document is public. */
export function isPublicPolicy(policy: Json | null | undefined): boolean {
  if (!policy) return false;
  return asList(policy["Statement"]).some(isPublicStatement);
}
