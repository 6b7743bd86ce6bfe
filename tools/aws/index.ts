// Public API of the typed AWS tools: context, send, clients, collectors, actions, inventory.
export type { AwsClients } from "./clients.js";
export { DEFAULT_CONCURRENCY, DEFAULT_RETRY, createAwsContext, nowOf } from "./context.js";
export type { AwsContext, AwsContextOptions, ProgressEvent, RetryPolicy } from "./context.js";
export { createLimiter } from "./limiter.js";
export type { Limiter } from "./limiter.js";
export { awsErrorName, backoffDelay, isAwsError, isThrottling, send } from "./send.js";
export type { SdkClient, SdkCommand } from "./send.js";
export { createAwsClients } from "./real-clients.js";
export type { RealClientsConfig } from "./real-clients.js";
export { ANY_KIND } from "./kind-tools.js";
export type {
  ActionEffect, AutomaticAction, KindCollector, ManualAction, RemediationAction, RemediationPlan,
} from "./kind-tools.js";
export { ACTIONS, COLLECTORS, actionsForKind, findAction, findCollector } from "./registry.js";
export { collectAll, collectOne } from "./inventory.js";
export type { CollectFailure, CollectFilter, Inventory } from "./inventory.js";
