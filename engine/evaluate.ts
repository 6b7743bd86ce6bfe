// Evaluates compiled rules against resources: one finding per (rule, resource), and a policy summary.
import { errorMessage } from "../core/errors.js";
import { compileRunner, conditionOf, isQuantifierTally } from "./compile.js";
import type { CompiledCondition, ConditionResult, ConditionRunner } from "./compile.js";
import { formatValue } from "./phrases.js";
import { locationOf, type Evidence, type Finding, type Location, type Resource } from "../contracts/resource.js";
import type { Policy, Rule } from "../contracts/policy.js";
import type { PolicySummary } from "../contracts/run.js";

export type { PolicySummary };
import { compileExemptions, type CompiledExemption } from "./exemptions.js";
import { compileScope } from "./scope.js";
import type { ScopePredicate } from "./scope.js";

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
  /** What evaluation runs: `when` and `require` as runners, and the rule's sentences for shared evidence. */
  run: RuleRunners;
}

/** A rule's conditions as runners (evidence built only when a finding keeps it) and its reasons, built once per shared evidence. */
interface RuleRunners {
  when: ConditionRunner | undefined;
  require: ConditionRunner;
  /** "not applicable: …" by the first evidence of a false `when`, for shared evidence. */
  notApplicable: Map<Evidence, string>;
  /** The generic failure sentence by the first evidence, for shared evidence. */
  failures: Map<Evidence, string>;
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
  const when = rule.when ? compileRunner(rule.when, `rules[${rule.id}].when`) : undefined;
  const require = compileRunner(rule.require, `rules[${rule.id}].require`);
  return {
    rule,
    when: when ? conditionOf(when) : undefined,
    require: conditionOf(require),
    reason: options.reason,
    passReason: `meets: ${rule.title}`,
    run: { when, require, notApplicable: new Map(), failures: new Map() },
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

/**
 * What a finding says about its resource, read once per resource: resources of each kind have their
 * own shape, so reading these from them for every rule was a slow (megamorphic) lookup each time.
 */
interface Subject {
  kind: string;
  id: string;
  region: string;
  location: Location;
}

const subjectOf = (resource: Resource): Subject =>
  ({ kind: resource.kind, id: resource.id, region: resource.region, location: locationOf(resource) });

function finding(policy: PolicyRef, rule: Rule, subject: Subject, status: Finding["status"], reason: string, evidence: Evidence[]): Finding {
  return {
    policyId: policy.id,
    policyVersion: policy.version,
    ruleId: rule.id,
    kind: subject.kind,
    resourceId: subject.id,
    region: subject.region,
    status,
    reason,
    evidence,
    location: subject.location,
  };
}

/** At most this many sentences are kept per rule (they are keyed by shared evidence, itself bounded). */
const MAX_SENTENCES = 256;

/** A sentence about shared (frozen) evidence is the same every time: built once per rule and kept. */
function sentence(cache: Map<Evidence, string>, evidence: Evidence, build: (e: Evidence) => string): string {
  const known = cache.get(evidence);
  if (known !== undefined) return known;
  const text = build(evidence);
  if (cache.size < MAX_SENTENCES && Object.isFrozen(evidence)) cache.set(evidence, text);
  return text;
}

const notApplicable = (e: Evidence): string => `not applicable: ${evidenceSentence(e)}`;

function failureReason(compiled: CompiledRule, evidence: Evidence[], resource: Resource): string {
  const specific = compiled.reason?.({ ok: false, evidence }, resource, compiled.rule);
  if (specific) return specific;
  const first = evidence[0];
  return first ? sentence(compiled.run.failures, first, evidenceSentence) : `does not meet: ${compiled.rule.title}`;
}

/** The verdict of a rule on a resource of its kind that was read without errors; may throw. */
function verdict(compiled: CompiledRule, resource: Resource, policy: PolicyRef, subject: Subject): Finding {
  const { rule, run } = compiled;
  if (run.when && !run.when.run(resource)) {
    const evidence = run.when.evidence();
    const first = evidence[0];
    const reason = first ? sentence(run.notApplicable, first, notApplicable) : "not applicable: its condition is false";
    return finding(policy, rule, subject, "skip", reason, evidence);
  }
  const ok = run.require.run(resource);
  const evidence = run.require.evidence();
  if (ok) return finding(policy, rule, subject, "pass", compiled.passReason, evidence);
  return finding(policy, rule, subject, "fail", failureReason(compiled, evidence, resource), evidence);
}

const unreadable = (errors: readonly string[]): string => `could not be read: ${errors.join("; ")}`;

function evaluateUnsafe(compiled: CompiledRule, resource: CollectedResource, policy: PolicyRef): Finding {
  const { rule } = compiled;
  if (resource.kind !== rule.kind) {
    return finding(policy, rule, subjectOf(resource), "skip", `the rule applies to ${rule.kind}, not ${resource.kind}`, []);
  }
  if (resource.collectErrors && resource.collectErrors.length > 0) {
    return finding(policy, rule, subjectOf(resource), "error", unreadable(resource.collectErrors), []);
  }
  return verdict(compiled, resource, policy, subjectOf(resource));
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
    return failed(policy, compiled.rule, resource, error);
  }
}

const failed = (policy: PolicyRef, rule: Rule, resource: Resource, error: unknown): Finding =>
  finding(policy, rule, subjectOf(resource), "error", `evaluation failed: ${errorMessage(error)}`, []);

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
    const ofKind = rulesByKind.get(rule.kind);
    if (ofKind) ofKind.push(compiled);
    else rulesByKind.set(rule.kind, [compiled]);
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
const RANK: Readonly<Record<Finding["status"], number>> = { fail: 3, error: 2, pass: 1, skip: 0 };

function count(summary: PolicySummary, worst: number): void {
  if (worst === RANK.fail) summary.failed++;
  else if (worst === RANK.error) summary.errors++;
  else if (worst === RANK.pass) summary.passed++;
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

function isCompiled(policy: Policy | CompiledPolicy): policy is CompiledPolicy {
  return "rulesByKind" in policy;
}

const NO_EXEMPTIONS: readonly CompiledExemption[] = [];

/**
 * Evaluates a policy against resources: resources of other kinds or outside the scope are
 * ignored (no findings); each other resource gets one finding per rule of its kind. A resource
 * listed twice (same kind, account, region and id) is evaluated once. An exempted verdict is
 * reported as skip — never pass — with the exemption's reason.
 * Findings share their evidence lists and objects where they say the same thing: read them, never change them.
 * @example evaluatePolicy(policy, resources).summary // { resources: 12, passed: 9, failed: 3, errors: 0, skipped: 0 }
 */
export function evaluatePolicy(policy: Policy | CompiledPolicy, resources: Iterable<Resource>, now: Date = new Date()): PolicyEvaluation {
  const compiled = isCompiled(policy) ? policy : compilePolicy(policy, undefined, now);
  const { ref } = compiled;
  const findings: Finding[] = [];
  const summary: PolicySummary = { resources: 0, passed: 0, failed: 0, errors: 0, skipped: 0 };
  const seen = new Map<string, Resource | Resource[]>();
  for (const resource of resources as Iterable<CollectedResource>) {
    const rules = compiled.rulesByKind.get(resource.kind);
    if (!rules || !compiled.inScope(resource)) continue;
    if (isDuplicate(seen, resource)) continue;
    // What holds for every rule is worked out once per resource: what findings say of it, whether it was read, which exemptions name it.
    const subject = subjectOf(resource);
    const errors = resource.collectErrors && resource.collectErrors.length > 0 ? unreadable(resource.collectErrors) : undefined;
    const exemptions = compiled.exemptions.length === 0 ? NO_EXEMPTIONS : compiled.exemptions.filter((e) => e.coversResource(resource));
    let worst = RANK.skip;
    let exempt = false;
    for (const rule of rules) {
      let result: Finding;
      if (errors !== undefined) result = finding(ref, rule.rule, subject, "error", errors, []);
      else {
        try {
          result = verdict(rule, resource, ref, subject);
        } catch (error) {
          result = failed(ref, rule.rule, resource, error);
        }
      }
      if (exemptions.length > 0 && result.status !== "skip") {
        const match = exemptions.find((e) => e.coversRule(rule.rule.id));
        if (match) {
          result = finding(ref, rule.rule, subject, "skip", match.reason, result.evidence);
          exempt = true;
        }
      }
      findings.push(result);
      const rank = RANK[result.status];
      if (rank > worst) worst = rank;
    }
    summary.resources++;
    // An exempt resource is skipped, never passed, even when its other rules pass.
    count(summary, exempt && worst === RANK.pass ? RANK.skip : worst);
  }
  return { findings, summary };
}
