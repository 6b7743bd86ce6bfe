// PRE-OPTIMISATION ORACLE (issue 11): engine/evaluate.ts as it was before evaluatePolicy was made fast, kept verbatim
// (only import paths changed) so test/engine/evaluate-oracle.test.ts can check that the fast path gives the same
// findings, summaries, reasons, evidence and order. Do not edit or "fix" it: it is what the fast path must match.
// Evaluates compiled rules against resources: one finding per (rule, resource), and a policy summary.
import { errorMessage } from "../../core/errors.js";
import { compileCondition, isQuantifierTally } from "./reference-compile.js";
import type { CompiledCondition, ConditionResult } from "./reference-compile.js";
import { formatValue } from "../../engine/phrases.js";
import { locationOf, type Evidence, type Finding, type Resource } from "../../contracts/resource.js";
import type { Policy, Rule } from "../../contracts/policy.js";
import type { PolicySummary } from "../../contracts/run.js";

export type { PolicySummary };
import { compileExemptions, exemptionReason, type CompiledExemption } from "./reference-exemptions.js";
import { compileScope } from "../../engine/scope.js";
import type { ScopePredicate } from "../../engine/scope.js";

/** A rule-specific sentence for a failure; undefined falls back to the generic one. */
export type ReasonFormatter = (failure: ConditionResult, resource: Resource, rule: Rule) => string | undefined;

export interface CompileRuleOptions {
  reason?: ReasonFormatter;
}

export interface CompiledRule {
  rule: Rule;
  when: CompiledCondition | undefined;
  require: CompiledCondition;
  reason: ReasonFormatter | undefined;
  /** Built once: every passing finding of the rule shares it. */
  passReason: string;
}

export interface PolicyRef {
  id: string;
  version: number;
}

/** A resource whose collection failed carries the errors; its rules evaluate to `error`. */
type CollectedResource = Resource & { collectErrors?: string[] };

/**
 * Compiles a rule's conditions once.
 * @throws AgpmError POLICY_INVALID naming the rule and the place in its condition tree.
 */
export function compileRule(rule: Rule, options: CompileRuleOptions = {}): CompiledRule {
  return {
    rule,
    when: rule.when ? compileCondition(rule.when, `rules[${rule.id}].when`) : undefined,
    require: compileCondition(rule.require, `rules[${rule.id}].require`),
    reason: options.reason,
    passReason: `meets: ${rule.title}`,
  };
}

/**
 * One piece of evidence as a sentence: "encryption.enabled is false, expected equal to true",
 * or for a list "ingress has 1 of 3 entries matching, expected no entry that has …".
 */
export function evidenceSentence(evidence: Evidence): string {
  if (isQuantifierTally(evidence.actual)) {
    const { entries, matching } = evidence.actual;
    return `${evidence.path} has ${matching} of ${entries} ${entries === 1 ? "entry" : "entries"} matching, expected ${evidence.expected}`;
  }
  return `${evidence.path} is ${formatValue(evidence.actual)}, expected ${evidence.expected}`;
}

function finding(policy: PolicyRef, rule: Rule, resource: Resource, status: Finding["status"], reason: string, evidence: Evidence[]): Finding {
  return {
    policyId: policy.id,
    policyVersion: policy.version,
    ruleId: rule.id,
    kind: resource.kind,
    resourceId: resource.id,
    region: resource.region,
    status,
    reason,
    evidence,
    location: locationOf(resource),
  };
}

function failureReason(compiled: CompiledRule, result: ConditionResult, resource: Resource): string {
  const specific = compiled.reason?.(result, resource, compiled.rule);
  if (specific) return specific;
  const [first] = result.evidence;
  return first ? evidenceSentence(first) : `does not meet: ${compiled.rule.title}`;
}

function evaluateUnsafe(compiled: CompiledRule, resource: CollectedResource, policy: PolicyRef): Finding {
  const { rule } = compiled;
  if (resource.kind !== rule.kind) {
    return finding(policy, rule, resource, "skip", `the rule applies to ${rule.kind}, not ${resource.kind}`, []);
  }
  if (resource.collectErrors && resource.collectErrors.length > 0) {
    return finding(policy, rule, resource, "error", `could not be read: ${resource.collectErrors.join("; ")}`, []);
  }
  if (compiled.when) {
    const applies = compiled.when(resource);
    if (!applies.ok) {
      const [first] = applies.evidence;
      return finding(policy, rule, resource, "skip", `not applicable: ${first ? evidenceSentence(first) : "its condition is false"}`, applies.evidence);
    }
  }
  const result = compiled.require(resource);
  if (result.ok) return finding(policy, rule, resource, "pass", compiled.passReason, result.evidence);
  return finding(policy, rule, resource, "fail", failureReason(compiled, result, resource), result.evidence);
}

/**
 * Evaluates one compiled rule against one resource. Never throws: a resource whose collection
 * failed, or an evaluation that throws, gives an `error` finding.
 * @example evaluate(compileRule(rule), bucket, { id: "s3-baseline", version: 2 }).status // "fail"
 */
export function evaluate(compiled: CompiledRule, resource: Resource, policy: PolicyRef): Finding {
  try {
    return evaluateUnsafe(compiled, resource, policy);
  } catch (error) {
    return finding(policy, compiled.rule, resource, "error", `evaluation failed: ${errorMessage(error)}`, []);
  }
}

export interface CompiledPolicy {
  ref: PolicyRef;
  inScope: ScopePredicate;
  rulesByKind: ReadonlyMap<string, readonly CompiledRule[]>;
  /** Exemptions in force when the policy was compiled. */
  exemptions: readonly CompiledExemption[];
}

/** Compiles a whole policy once: scope and every rule, grouped by kind. */
export function compilePolicy(policy: Policy, reasonFor?: (rule: Rule) => ReasonFormatter | undefined, now: Date = new Date()): CompiledPolicy {
  const rulesByKind = new Map<string, CompiledRule[]>();
  for (const rule of policy.rules) {
    const reason = reasonFor?.(rule);
    const compiled = compileRule(rule, reason ? { reason } : {});
    rulesByKind.set(rule.kind, [...(rulesByKind.get(rule.kind) ?? []), compiled]);
  }
  return {
    ref: { id: policy.id, version: policy.version },
    inScope: compileScope(policy.scope),
    rulesByKind,
    exemptions: compileExemptions(policy.exemptions ?? [], now),
  };
}


export interface PolicyEvaluation {
  findings: Finding[];
  summary: PolicySummary;
}

/** How much a status says about a resource: a fail outranks an error, which outranks a pass. */
function rank(status: Finding["status"]): number {
  return status === "fail" ? 3 : status === "error" ? 2 : status === "pass" ? 1 : 0;
}

function count(summary: PolicySummary, worst: Finding["status"]): void {
  if (worst === "fail") summary.failed++;
  else if (worst === "error") summary.errors++;
  else if (worst === "pass") summary.passed++;
  else summary.skipped++;
}

const sameResource = (a: Resource, b: Resource): boolean =>
  a.kind === b.kind && a.account === b.account && a.region === b.region;

/** Keyed by id alone (no string building on the hot path); a shared id is rare, then compare the rest. */
function isDuplicate(seen: Map<string, Resource | Resource[]>, resource: Resource): boolean {
  const same = seen.get(resource.id);
  if (same === undefined) { seen.set(resource.id, resource); return false; }
  const list = Array.isArray(same) ? same : [same];
  if (list.some((r) => sameResource(r, resource))) return true;
  seen.set(resource.id, [...list, resource]);
  return false;
}

/** An exempted verdict is reported as skip — never pass — with the exemption's reason. */
function exempted(compiled: CompiledPolicy, finding: Finding, resource: Resource): Finding {
  if (compiled.exemptions.length === 0 || finding.status === "skip") return finding;
  const match = compiled.exemptions.find((e) => e.covers(finding.ruleId, resource));
  return match ? { ...finding, status: "skip", reason: exemptionReason(match.exemption) } : finding;
}

function isCompiled(policy: Policy | CompiledPolicy): policy is CompiledPolicy {
  return "rulesByKind" in policy;
}

/**
 * Evaluates a policy against resources: resources of other kinds or outside the scope are
 * ignored (no findings); each other resource gets one finding per rule of its kind. A resource
 * listed twice (same kind, account, region and id) is evaluated once.
 * @example evaluatePolicy(policy, resources).summary // { resources: 12, passed: 9, failed: 3, errors: 0, skipped: 0 }
 */
export function evaluatePolicy(policy: Policy | CompiledPolicy, resources: Iterable<Resource>, now: Date = new Date()): PolicyEvaluation {
  const compiled = isCompiled(policy) ? policy : compilePolicy(policy, undefined, now);
  const findings: Finding[] = [];
  const summary: PolicySummary = { resources: 0, passed: 0, failed: 0, errors: 0, skipped: 0 };
  const seen = new Map<string, Resource | Resource[]>();
  for (const resource of resources) {
    const rules = compiled.rulesByKind.get(resource.kind);
    if (!rules || !compiled.inScope(resource)) continue;
    if (isDuplicate(seen, resource)) continue;
    let worst: Finding["status"] = "skip";
    let exempt = false;
    for (const rule of rules) {
      const verdict = evaluate(rule, resource, compiled.ref);
      const result = exempted(compiled, verdict, resource);
      if (result !== verdict) exempt = true;
      findings.push(result);
      if (rank(result.status) > rank(worst)) worst = result.status;
    }
    summary.resources++;
    // An exempt resource is skipped, never passed, even when its other rules pass.
    count(summary, exempt && worst === "pass" ? "skip" : worst);
  }
  return { findings, summary };
}
