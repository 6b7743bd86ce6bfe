// The AWS domain: its typed tools (context, send, clients, collectors, actions, inventory) and awsDomain, which tools/index.ts lists.
export type { AwsClients } from "./clients.js";
export { DEFAULT_CONCURRENCY, DEFAULT_RETRY, createAwsContext, nowOf } from "./context.js";
export type { AwsContext, AwsContextOptions, ProgressEvent, RetryPolicy } from "./context.js";
export { createLimiter } from "./limiter.js";
export type { Limiter } from "./limiter.js";
export { awsErrorName, backoffDelay, isAwsError, isThrottling, send } from "./send.js";
export type { SdkClient, SdkCommand } from "./send.js";
export { createAwsClients } from "./live/clients.js";
export type { RealClientsConfig } from "./live/clients.js";
export { ANY_KIND } from "./kind-tools.js";
export type {
  ActionEffect, AutomaticAction, KindCollector, ManualAction, RemediationAction, RemediationPlan,
} from "./kind-tools.js";
export { ACTIONS, COLLECTORS, actionsForKind, findAction, findCollector } from "./registry.js";
export { AWS_DOMAIN, collectAll, collectOne } from "./inventory.js";
export type { CollectFailure, CollectFilter, Inventory } from "./inventory.js";

import type { Domain } from "../../engine/domain.js";
import type { AwsContext as DomainContext } from "./context.js";
import { AWS_CONTROLS } from "./controls/index.js";
import { AWS_KIND_FOLDERS, AWS_KINDS } from "./kinds/index.js";
import { AWS_PARAMS } from "./params.js";
import { AWS_FILLER_WORDS, AWS_ID_PATTERN, AWS_NOT_COVERED, AWS_NOT_KIND_PHRASES, AWS_REGION_PATTERN, AWS_SERVICES, AWS_WORDS } from "./words.js";
import { BENCHMARKS as AWS_BENCHMARKS } from "./controls/benchmarks.js";
import { ACTIONS as AWS_ACTIONS, COLLECTORS as AWS_COLLECTORS } from "./registry.js";
import { awsLiveSource, awsSandboxSource } from "./sources.js";
import { AWS_DOMAIN } from "./inventory.js";

/** AWS as the engine sees it: the one export tools/index.ts lists. */
export const awsDomain: Domain<DomainContext> = {
  name: AWS_DOMAIN,
  kinds: AWS_KINDS,
  controls: AWS_CONTROLS,
  params: AWS_PARAMS,
  // Each kind folder brings its controls' polar words.
  polarity: Object.assign({}, ...AWS_KIND_FOLDERS.map((f) => f.polarity ?? {})),
  benchmarks: AWS_BENCHMARKS,
  actions: AWS_ACTIONS,
  collectors: AWS_COLLECTORS,
  sources: [awsLiveSource, awsSandboxSource],
  words: AWS_WORDS,
  services: AWS_SERVICES,
  notCovered: AWS_NOT_COVERED,
  partitionPattern: AWS_REGION_PATTERN,
  idPattern: AWS_ID_PATTERN,
  notKindPhrases: AWS_NOT_KIND_PHRASES,
  fillerWords: AWS_FILLER_WORDS,
};
