// The validator agent: proves a draft is well-formed and says what the intent says; the evaluate
// node then measures it against the target. Failures go back to the translator with reasons, a
// bounded number of times.
import { AgpmError } from "../../core/errors.js";
import type { GraphDeps } from "../../graphs/deps.js";
import { PolicyDraftSchema, type State, type StateUpdate } from "../../graphs/state.js";
import type { Policy } from "../../contracts/policy.js";
import { findAction } from "../../engine/registry.js";
import { findConflicts } from "./conflicts.js";
import { identify, resolveAgainstStored } from "./identity.js";
import { intentParams } from "./fidelity.js";
import { withRenderedTitle } from "./render.js";
import { staticChecks, type CheckContext } from "./static-checks.js";

/** Remediations that do more than tighten (none in the catalogue today) always need a person. */
function riskyActions(policy: Policy): string[] {
  return policy.rules.flatMap((rule) => {
    const action = rule.remediation ? findAction(rule.remediation.action) : undefined;
    return action && action.effect !== "tightens" ? [`rule ${rule.id} would ${action.effect === "destructive" ? "destroy data" : "weaken security"} through ${action.name}`] : [];
  });
}

/** The stored policy an update or exemption changes, and what the intent states: what a draft is checked against. */
async function checkContext(deps: GraphDeps, state: State): Promise<CheckContext> {
  const existing = state.plan?.existing;
  const changes = existing && (state.plan?.operation === "update" || state.plan?.operation === "exempt");
  const policy = changes ? await deps.store.policies.getPolicy(existing.id) : null;
  return { retained: policy?.rules ?? [], exemptions: policy?.exemptions ?? [], stated: intentParams(state.intent) };
}

export function createValidatorNode(deps: GraphDeps) {
  return async function validator(state: State): Promise<StateUpdate> {
    deps.onProgress?.({ type: "stage", stage: "validating" });
    const plan = state.plan;
    if (!plan) throw new AgpmError("INTERNAL", "validator reached without a plan");
    const parsed = PolicyDraftSchema.safeParse(state.draft);
    const checked = parsed.success ? staticChecks(parsed.data, plan, await checkContext(deps, state)) : null;
    const errors = checked ? checked.errors : (parsed.error?.issues ?? []).map((i) => `draft.${i.path.join(".")}: ${i.message}`);
    if (errors.length > 0 || !parsed.success || !checked) {
      if (state.attempts < state.options.maxTranslationAttempts) return { feedback: errors };
      return {
        feedback: errors,
        status: "failed",
        error: {
          code: "VALIDATION_FAILED",
          message: `The draft policy failed validation after ${state.attempts} attempt(s):\n${errors.map((e) => `  - ${e}`).join("\n")}`,
          details: { errors },
        },
      };
    }
    // Titles are rendered from the proved IR, whatever prose the translator wrote.
    const candidate = identify(withRenderedTitle(parsed.data, checked.rules), plan, state.intent);
    const policy = resolveAgainstStored(candidate, await deps.store.policies.getPolicy(candidate.id), plan.operation);
    const safety = [...(await findConflicts(deps.store, policy)), ...riskyActions(policy)];
    return { feedback: [], policy, safety };
  };
}
