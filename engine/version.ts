// Pure helpers for policy versions: the next version, content equality and a readable diff.
import { stableStringify } from "../core/stable-json.js";
import { AgpmError } from "../core/errors.js";
import { formatJsonPath } from "../core/json-path.js";
import { explainCondition, explainScope } from "./explain.js";
import { PolicySchema } from "../contracts/policy.js";
import type { Condition, Policy, PolicyMode, Rule, Scope } from "../contracts/policy.js";

export interface PolicyChanges {
  rules?: Rule[];
  scope?: Scope;
  mode?: PolicyMode;
  title?: string;
  /** The intent that asked for this version (each version records its own). */
  intent: string;
}

/**
 * The next version of a policy: same id, version n+1, the given changes applied.
 * @throws AgpmError POLICY_INVALID when the result is not a valid policy or repeats a rule id.
 * @example nextVersion(v1, { mode: "enforce", intent: "enforce the S3 baseline" }).version // 2
 */
export function nextVersion(existing: Policy, changes: PolicyChanges): Policy {
  const candidate = {
    ...existing,
    version: existing.version + 1,
    intent: changes.intent,
    title: changes.title ?? existing.title,
    mode: changes.mode ?? existing.mode,
    scope: changes.scope ?? existing.scope,
    rules: changes.rules ?? existing.rules,
  };
  const parsed = PolicySchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? formatJsonPath(issue.path) : "$";
    throw new AgpmError("POLICY_INVALID", `version ${candidate.version} of ${existing.id} is invalid at ${where}: ${issue?.message ?? "unknown problem"}`, {
      details: { policyId: existing.id, path: where },
    });
  }
  const ids = parsed.data.rules.map((r) => r.id);
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated !== undefined) {
    throw new AgpmError("POLICY_INVALID", `version ${candidate.version} of ${existing.id} has two rules with id ${repeated}`, {
      details: { policyId: existing.id, ruleId: repeated },
    });
  }
  return parsed.data;
}

/** JSON with sorted keys and without undefined, so equal content gives equal text. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** all/any are sets: their children's order does not change what a condition means. */
function canonicalCondition(cond: Condition): string {
  if ("all" in cond) return stable({ all: cond.all.map(canonicalCondition).sort() });
  if ("any" in cond) return stable({ any: cond.any.map(canonicalCondition).sort() });
  if ("not" in cond) return stable({ not: canonicalCondition(cond.not) });
  if ("every" in cond) return stable({ path: cond.path, every: canonicalCondition(cond.every) });
  if ("some" in cond) return stable({ path: cond.path, some: canonicalCondition(cond.some) });
  if ("none" in cond) return stable({ path: cond.path, none: canonicalCondition(cond.none) });
  // A membership list is a set too.
  if ((cond.op === "in" || cond.op === "nin") && Array.isArray(cond.value)) {
    return stable({ ...cond, value: cond.value.map(stable).sort() });
  }
  return stable(cond);
}

const sorted = (list: readonly string[] | undefined): string[] | undefined => (list && list.length > 0 ? [...list].sort() : undefined);
const nonEmpty = <T extends object>(value: T | undefined): T | undefined => (value && Object.keys(value).length > 0 ? value : undefined);

function canonicalScope(scope: Scope | undefined): string {
  const s = scope ?? {};
  const exclude = { tags: nonEmpty(s.exclude?.tags), names: sorted(s.exclude?.names) };
  return stable({
    regions: sorted(s.regions),
    tags: nonEmpty(s.tags),
    names: sorted(s.names),
    exclude: exclude.tags || exclude.names ? exclude : undefined,
  });
}

/** Each field of a rule in canonical text, so rules compare (and diff) field by field. */
function canonicalRule(rule: Rule): Record<string, string> {
  return {
    title: stable(rule.title),
    severity: stable(rule.severity),
    kind: stable(rule.kind),
    control: stable(rule.control),
    when: rule.when ? canonicalCondition(rule.when) : "null",
    require: canonicalCondition(rule.require),
    remediation: stable(rule.remediation ? { action: rule.remediation.action, params: rule.remediation.params ?? {} } : null),
    controls: stable(sorted(rule.controls) ?? []),
  };
}

function canonicalRules(rules: readonly Rule[]): string {
  return stable([...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((r) => ({ id: r.id, ...canonicalRule(r) })));
}

/**
 * Whether two policies say the same thing: same rules (in any order, by id), scope and mode.
 * Id, version, title, intent and status are ignored.
 */
const canonicalExemptions = (p: Policy) => stableStringify([...(p.exemptions ?? [])].sort((x, y) => x.id.localeCompare(y.id)));

const canonicalSchedule = (p: Policy) => stableStringify(p.schedule ?? null);

/** A schedule in words: "every 900 s", "cron 0 2 * * * (Europe/London)", "none". */
export function describeSchedule(schedule: Policy["schedule"]): string {
  if (!schedule) return "none";
  if (schedule.every !== undefined) return `every ${schedule.every / 1000} s`;
  return `cron ${schedule.cron} (${schedule.tz ?? "UTC"})`;
}

export function samePolicyContent(a: Policy, b: Policy): boolean {
  return (
    a.mode === b.mode &&
    canonicalSchedule(a) === canonicalSchedule(b) &&
    canonicalScope(a.scope) === canonicalScope(b.scope) &&
    canonicalRules(a.rules) === canonicalRules(b.rules) &&
    canonicalExemptions(a) === canonicalExemptions(b)
  );
}

export type PolicyChangeType = "title-changed" | "mode-changed" | "schedule-changed" | "scope-changed" | "rule-added" | "rule-removed" | "rule-changed" | "exemption-added" | "exemption-removed";

export interface PolicyChange {
  change: PolicyChangeType;
  ruleId?: string;
  /** For rule-changed: which field of the rule. */
  field?: string;
  /** The change in a sentence. */
  text: string;
}

function describeScope(scope: Scope | undefined): string {
  return explainScope(scope ?? {}) || "every resource";
}

function ruleFieldText(rule: Rule, field: string): string {
  if (field === "require") return explainCondition(rule.require);
  if (field === "when") return rule.when ? explainCondition(rule.when) : "always";
  if (field === "remediation") return rule.remediation?.action ?? "none";
  if (field === "controls") return rule.controls.join(", ") || "none";
  const value = rule[field as "title" | "severity" | "kind" | "control"];
  return value ?? "none";
}

function ruleChanges(before: Rule, after: Rule): PolicyChange[] {
  const a = canonicalRule(before);
  const b = canonicalRule(after);
  return Object.keys(a)
    .filter((field) => a[field] !== b[field])
    .map((field) => ({
      change: "rule-changed" as const,
      ruleId: after.id,
      field,
      text: `rule ${after.id}: ${field} changed (was: ${ruleFieldText(before, field)}; now: ${ruleFieldText(after, field)})`,
    }));
}

/**
 * What changed from `a` to `b`, in sentences people can review before approving.
 * @example diffPolicies(v1, v2).map((c) => c.text) // ["mode changed from audit to enforce", "rule added: s3-versioning (…)"]
 */
export function diffPolicies(a: Policy, b: Policy): PolicyChange[] {
  const changes: PolicyChange[] = [];
  if (a.title !== b.title) changes.push({ change: "title-changed", text: `title changed from "${a.title}" to "${b.title}"` });
  if (a.mode !== b.mode) changes.push({ change: "mode-changed", text: `mode changed from ${a.mode} to ${b.mode}` });
  if (canonicalSchedule(a) !== canonicalSchedule(b)) {
    changes.push({ change: "schedule-changed", text: `schedule changed from ${describeSchedule(a.schedule)} to ${describeSchedule(b.schedule)}` });
  }
  if (canonicalScope(a.scope) !== canonicalScope(b.scope)) {
    changes.push({ change: "scope-changed", text: `scope changed (was: ${describeScope(a.scope)}; now: ${describeScope(b.scope)})` });
  }
  const before = new Map(a.rules.map((r) => [r.id, r]));
  const after = new Map(b.rules.map((r) => [r.id, r]));
  for (const [id, rule] of before) {
    if (!after.has(id)) changes.push({ change: "rule-removed", ruleId: id, text: `rule removed: ${id} (${rule.title})` });
  }
  for (const [id, rule] of after) {
    const old = before.get(id);
    if (!old) changes.push({ change: "rule-added", ruleId: id, text: `rule added: ${id} (${rule.title}): ${explainCondition(rule.require)}` });
    else changes.push(...ruleChanges(old, rule));
  }
  const had = new Set((a.exemptions ?? []).map((e) => stableStringify(e)));
  const has = new Set((b.exemptions ?? []).map((e) => stableStringify(e)));
  for (const e of b.exemptions ?? []) {
    if (!had.has(stableStringify(e))) changes.push({ change: "exemption-added", text: `exemption added: ${e.id} for ${[...e.names, ...Object.keys(e.tags)].join(", ")} (${e.expires ? `until ${e.expires}` : "no expiry"}, reason: ${e.reason}, owner: ${e.owner})` });
  }
  for (const e of a.exemptions ?? []) if (!has.has(stableStringify(e))) changes.push({ change: "exemption-removed", text: `exemption removed: ${e.id}` });
  return changes;
}
