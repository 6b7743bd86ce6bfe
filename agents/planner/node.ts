// The planner agent: reads the intent and the policy store, decides what is being asked
// (create / update / check-only / retire), of which kinds, in what scope.
import { findKind } from "../../engine/registry.js";
import type { GraphDeps } from "../../graphs/deps.js";
import type { State, StateUpdate } from "../../graphs/state.js";
import type { Plan } from "../../contracts/run.js";
import { parseIntent } from "../../language/parse.js";
import { planExemption } from "./exemption.js";
import { planWithTranslator } from "./llm-plan.js";
import { refusalFor } from "./refusal.js";
import { findExistingPolicy } from "./existing.js";
import { describeScope, scopeFromEntities } from "./scope.js";

const noun = (kind: string) => findKind(kind)?.plural ?? kind;

function needsInput(code: string, message: string, details: Record<string, unknown> = {}): StateUpdate {
  return { status: "needs-input", error: { code, message, details } };
}

export function createPlannerNode(deps: GraphDeps) {
  return async function planner(state: State): Promise<StateUpdate> {
    deps.onProgress?.({ type: "stage", stage: "planning" });
    const parsed = parseIntent(state.intent);
    const refusal = refusalFor(parsed);
    if (refusal) return { status: "failed", error: refusal };
    const controlKinds = [...new Set(parsed.controls.map((c) => c.kind))];
    const kinds = controlKinds.length > 0 ? controlKinds : parsed.mentionedKinds;
    const scope = scopeFromEntities(parsed.entities);
    const interpretation: string[] = [];
    if (kinds.length > 0) interpretation.push(`Governs ${kinds.map(noun).join(" and ")} ${describeScope(scope)}.`);
    if (parsed.entities.excludeRegions.length > 0) {
      interpretation.push(`Region exclusions (${parsed.entities.excludeRegions.join(", ")}) are not supported; they were ignored.`);
    }
    let operation = parsed.operation;
    let existing: Plan["existing"] = null;
    let exemption: Plan["exemption"];
    if (operation === "exempt") {
      const choice = await findExistingPolicy(deps.store, kinds, parsed.controls.map((c) => c.control));
      if (!choice.policy) return needsInput("POLICY_NOT_FOUND", `No active policy governs ${kinds.map(noun).join(" or ") || "what this intent names"}; there is nothing to exempt from.`);
      if (!parsed.entities.exemption) return needsInput("INPUT_INVALID", "Could not read the exemption: name the resources, the rule, an expiry and a reason.");
      const planned = planExemption(parsed.entities.exemption, choice.policy, parsed.controls.map((c) => c.control), state.options.actor, deps.now().toISOString().slice(0, 10));
      if ("problem" in planned) return needsInput("INPUT_INVALID", planned.problem);
      existing = { id: choice.policy.id, version: choice.policy.version, title: choice.policy.title };
      exemption = planned.exemption;
      interpretation.push(...planned.notes);
    }
    if (operation === "update" || operation === "retire") {
      const choice = await findExistingPolicy(deps.store, kinds, parsed.controls.map((c) => c.control));
      if (choice.policy) {
        existing = { id: choice.policy.id, version: choice.policy.version, title: choice.policy.title };
        interpretation.push(`${operation === "update" ? "Updates" : "Retires"} policy ${existing.id} (v${existing.version}: ${existing.title}).`);
        if (choice.others.length > 0) interpretation.push(`Other candidates: ${choice.others.map((p) => p.id).join(", ")}.`);
      } else if (operation === "retire") {
        return needsInput("POLICY_NOT_FOUND", `No active policy governs ${kinds.map(noun).join(" or ") || "what this intent names"}; nothing to retire.`);
      } else if (state.options.command === "check") {
        interpretation.push(`No existing policy governs ${kinds.map(noun).join(" or ")}; checking the requested rule on its own.`);
        operation = "create";
      } else if (state.options.autoApprove) {
        interpretation.push(`No existing policy governs ${kinds.map(noun).join(" or ")}; creating a new one (accepted with --yes).`);
        operation = "create";
      } else {
        return needsInput(
          "INTENT_NEEDS_CONFIRMATION",
          `No existing policy governs ${kinds.map(noun).join(" or ")}, so there is nothing to update. Re-run with --yes to create a new policy from this intent.`,
          { offer: "create", kinds },
        );
      }
    }
    if (operation === "check-only") interpretation.push("Check only: findings are reported, nothing is ever remediated.");
    if (parsed.schedule) interpretation.push(`Swept ${parsed.scheduleDescription} (the policy carries this schedule; \`agpm scheduler\` runs it).`);
    const plan: Plan = {
      operation, kinds, scope, existing, interpretation,
      ...(exemption ? { exemption } : {}),
      ...(parsed.schedule ? { schedule: parsed.schedule } : {}),
    };
    if (existing && Object.keys(scope).length === 0) {
      // An update that names no scope keeps the policy's own.
      plan.scope = (await deps.store.policies.getPolicy(existing.id))?.scope ?? scope;
    }
    // A new rule is read by the configured LLM; updates, retirements and exemptions name a stored policy the offline kinds found.
    if (state.options.translator === "llm" && (operation === "create" || operation === "check-only")) return planWithTranslator(deps, state, plan);
    return { plan, notes: [...state.notes, ...interpretation] };
  };
}
