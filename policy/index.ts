// The public surface of the policy engine: the IR, resource kinds, compile, evaluate, scope, explain, versions.
export {
  ConditionSchema, IdSchema, JsonValueSchema, OPERATORS, OperatorSchema, PathSchema, PolicyModeSchema, PolicySchema,
  PolicyStatusSchema, RemediationRefSchema, RuleSchema, ScopeSchema, SeveritySchema, TagMatchSchema, UNARY_OPERATORS,
} from "../contracts/policy.js";
export type {
  Condition, JsonValue, Operator, Policy, PolicyInput, PolicyMode, RemediationRef, Rule, Scope, Severity,
} from "../contracts/policy.js";
export { EvaluationStatusSchema, EvidenceSchema, FindingSchema, ResourceEnvelopeSchema } from "../contracts/resource.js";
export type { EvaluationStatus, Evidence, Finding, Resource, ResourceEnvelope } from "../contracts/resource.js";
export { findKind, KIND_NAMES, KINDS, modelSchema } from "./kinds/index.js";
export type { KindDefinition } from "./kinds/index.js";

export { compileGetter, describeModelPath, getPath, SELF_PATH, splitPath } from "../engine/paths.js";
export type { ModelLiteral, ModelPathInfo, ModelPathType, PathGetter, PathLookup } from "../engine/paths.js";
export { findPathProblems } from "../engine/check-paths.js";
export type { PathProblem } from "../engine/check-paths.js";
export { deepEqual, isTruthy } from "../engine/operators.js";
export { compileCondition, isQuantifierTally, MAX_ENTRY_EVIDENCE } from "../engine/compile.js";
export type { CompiledCondition, ConditionResult, QuantifierTally } from "../engine/compile.js";
export { compilePolicy, compileRule, evaluate, evaluatePolicy, evidenceSentence } from "../engine/evaluate.js";
export type {
  CompiledPolicy, CompiledRule, CompileRuleOptions, PolicyEvaluation, PolicyRef, PolicySummary, ReasonFormatter,
} from "../engine/evaluate.js";
export { compileScope, globToRegExp, inScope } from "../engine/scope.js";
export type { ScopePredicate } from "../engine/scope.js";
export { explainCondition, explainConditionOfIt, explainPolicy, explainRule, explainScope } from "../engine/explain.js";
export { expectedPhrase, formatValue } from "../engine/phrases.js";
export { diffPolicies, nextVersion, samePolicyContent } from "../engine/version.js";
export type { PolicyChange, PolicyChanges, PolicyChangeType } from "../engine/version.js";
