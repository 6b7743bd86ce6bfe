// The draft schema the LLM must answer in: the policy IR, narrowed by the registries (kinds,
// catalogue controls, remediation actions) so the model cannot name what does not exist.
import { z } from "zod";
import { CONTROLS, KIND_NAMES, ACTIONS } from "../../engine/registry.js";
import { RemediationRefSchema, RuleSchema } from "../../contracts/policy.js";
import { PolicyDraftSchema } from "../../graphs/state.js";

const names = (list: readonly string[]) => z.enum(list as [string, ...string[]]);

export const LlmRuleSchema = RuleSchema.extend({
  kind: names(KIND_NAMES),
  control: names(CONTROLS.map((c) => c.id)).optional(),
  remediation: RemediationRefSchema.extend({ action: names(ACTIONS.map((a) => a.name)) }).optional(),
});

export const LlmDraftSchema = PolicyDraftSchema.extend({ rules: z.array(LlmRuleSchema).min(1) });

/** The JSON Schema shown to the model, generated from the zod schema above. */
export const LLM_DRAFT_JSON_SCHEMA = JSON.stringify(z.toJSONSchema(LlmDraftSchema, { io: "input", unrepresentable: "any" }));
