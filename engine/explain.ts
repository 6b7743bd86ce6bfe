// Plain-English explanations of conditions, scopes and policies, for people who don't read JSON.
import { expectedPhrase, joinProse } from "./phrases.js";
import type { Condition, Policy, Rule, Scope } from "../contracts/policy.js";
import { SELF_PATH } from "./paths.js";

/** The verb forms a clause needs for its grammatical subject. */
interface Voice { have: string; be: string }
/** "Every bucket must have …". */
const MUST: Voice = { have: "have", be: "be" };
/** "at least one entry that has …". */
const ONE: Voice = { have: "has", be: "is" };
/** "only entries that have …". */
const MANY: Voice = { have: "have", be: "are" };

export type QuantifierMode = "every" | "some" | "none";

/**
 * What a quantifier means under an enclosing negation, pushed inwards: not-every is
 * some-not, not-some is none, not-none is some. Compile and explain share this table.
 */
export function effectiveQuantifier(mode: QuantifierMode, negated: boolean): { mode: QuantifierMode; innerNegated: boolean } {
  if (!negated) return { mode, innerNegated: false };
  if (mode === "every") return { mode: "some", innerNegated: true };
  return { mode: mode === "some" ? "none" : "some", innerNegated: false };
}

type Leaf = Extract<Condition, { op: unknown }>;

function isLeaf(c: Condition): c is Leaf {
  return "op" in c;
}

function leafBody(c: Leaf, negated: boolean): string {
  return `${c.path} ${expectedPhrase(c.op, c.value, negated)}`;
}

function isComposite(c: Condition): boolean {
  if ("not" in c) return isComposite(c.not);
  return ("all" in c && c.all.length > 1) || ("any" in c && c.any.length > 1);
}

function combine(children: readonly Condition[], voice: Voice, negated: boolean, conjunction: "and" | "or"): string {
  const either = conjunction === "or" && children.length > 1 ? "either " : "";
  const leaves = children.filter(isLeaf);
  if (leaves.length === children.length && leaves.every((c) => c.path !== SELF_PATH)) {
    const bodies = leaves.map((c) => leafBody(c, negated));
    return `${voice.have} ${either}${joinProse(bodies, conjunction)}`;
  }
  const parts = children.map((c) => {
    const text = clause(c, voice, negated);
    return isComposite(c) && children.length > 1 ? `(${text})` : text;
  });
  return `${either}${joinProse(parts, conjunction)}`;
}

/**
 * The requirement a quantifier states, with `path` as the place ("no entry in ingress that …")
 * or, when the path is already the subject of the sentence, without it ("no entry that …").
 */
export function quantifiedPhrase(mode: QuantifierMode, path: string | undefined, inner: Condition, innerNegated: boolean): string {
  const where = path === undefined ? "" : ` in ${path}`;
  if (mode === "every") return `only entries${where} that ${clause(inner, MANY, innerNegated)}`;
  const head = mode === "some" ? "at least one entry" : "no entry";
  return `${head}${where} that ${clause(inner, ONE, innerNegated)}`;
}

function clause(c: Condition, voice: Voice, negated: boolean): string {
  if ("not" in c) return clause(c.not, voice, !negated);
  if ("all" in c) return combine(c.all, voice, negated, negated ? "or" : "and");
  if ("any" in c) return combine(c.any, voice, negated, negated ? "and" : "or");
  if ("op" in c) {
    return c.path === SELF_PATH ? `${voice.be} ${expectedPhrase(c.op, c.value, negated)}` : `${voice.have} ${leafBody(c, negated)}`;
  }
  const [mode, inner] = "every" in c ? ["every", c.every] as const : "some" in c ? ["some", c.some] as const : ["none", c.none] as const;
  const effective = effectiveQuantifier(mode, negated);
  return `${voice.have} ${quantifiedPhrase(effective.mode, c.path, inner, effective.innerNegated)}`;
}

/**
 * A condition as a requirement on one resource, negations pushed to the leaves so it reads
 * positively.
 * @example explainCondition({ path: "encryption.enabled", op: "eq", value: true }) // "have encryption.enabled equal to true"
 */
export function explainCondition(cond: Condition): string {
  return clause(cond, MUST, false);
}

/** The same, phrased about "it" (for `when` clauses): "has logging.enabled equal to true". */
export function explainConditionOfIt(cond: Condition): string {
  return clause(cond, ONE, false);
}

function tagList(tags: Record<string, string | null>, conjunction: "and" | "or"): string {
  const parts = Object.entries(tags).map(([k, v]) => (v === null ? `${k} (any value)` : `${k}=${v}`));
  return `tagged ${joinProse(parts, conjunction)}`;
}

/**
 * Which resources a scope selects, as a phrase that follows a noun: "in eu-west-1 tagged env=prod".
 * Empty for a scope that selects everything.
 */
export function explainScope(scope: Scope): string {
  const parts: string[] = [];
  if (scope.regions?.length) parts.push(`in ${joinProse(scope.regions, "or")}`);
  if (scope.tags && Object.keys(scope.tags).length > 0) parts.push(tagList(scope.tags, "and"));
  if (scope.names?.length) parts.push(`named ${joinProse(scope.names, "or")}`);
  const except: string[] = [];
  if (scope.exclude?.tags && Object.keys(scope.exclude.tags).length > 0) except.push(tagList(scope.exclude.tags, "or"));
  if (scope.exclude?.names?.length) except.push(`named ${joinProse(scope.exclude.names, "or")}`);
  const selected = parts.join(" ");
  if (except.length === 0) return selected;
  return `${selected}${selected ? ", " : ""}except those ${except.join(" or those ")}`;
}

/** One rule: its title as the headline, the condition as the detail. */
export function explainRule(rule: Rule): string {
  const when = rule.when ? ` (only when it ${explainConditionOfIt(rule.when)})` : "";
  const extras: string[] = [];
  if (rule.remediation) extras.push(`fix: ${rule.remediation.action}`);
  if (rule.controls.length > 0) extras.push(`controls: ${rule.controls.join(", ")}`);
  const tail = extras.length > 0 ? ` [${extras.join("; ")}]` : "";
  return `${rule.title} (${rule.severity}): ${explainCondition(rule.require)}${when}.${tail}`;
}

/**
 * A whole policy, grouped by resource kind.
 * @example explainPolicy(policy, (kind) => findKind(kind)?.noun ?? kind)
 * // "Every S3 bucket in eu-west-1 tagged env=prod must:\n  - Buckets are encrypted (high): have encryption.enabled equal to true."
 */
export function explainPolicy(policy: Policy, kindNoun: (kind: string) => string): string {
  const mode = policy.mode === "enforce" ? "enforce: fix what fails" : "audit: report only";
  const lines = [`${policy.title} (policy ${policy.id} v${policy.version}, ${mode})`];
  const scope = explainScope(policy.scope);
  const kinds = [...new Set(policy.rules.map((r) => r.kind))];
  for (const kind of kinds) {
    const selected = scope ? ` ${scope}${scope.includes(", except") ? "," : ""}` : "";
    lines.push(`Every ${kindNoun(kind)}${selected} must:`);
    for (const rule of policy.rules.filter((r) => r.kind === kind)) lines.push(`  - ${explainRule(rule)}`);
  }
  return lines.join("\n");
}
