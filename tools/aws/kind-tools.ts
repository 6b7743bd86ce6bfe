// The AWS instances of the engine's tool contracts: collectors and actions receive an AwsContext.
import type { JsonValue } from "../../contracts/policy.js";
import type { AutomaticAction as EngineAutomaticAction, KindCollector as EngineKindCollector, ManualAction } from "../../engine/domain.js";
import type { AwsContext } from "./context.js";

export { ANY_KIND } from "../../engine/domain.js";
export type { ActionEffect, ManualAction, RemediationPlan } from "../../engine/domain.js";

export type KindCollector = EngineKindCollector<AwsContext>;
export type AutomaticAction<P = Record<string, JsonValue>> = EngineAutomaticAction<P, AwsContext>;
export type RemediationAction<P = Record<string, JsonValue>> = AutomaticAction<P> | ManualAction<P>;
