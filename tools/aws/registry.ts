// The collectors and remediation actions, read from the kind folders: every caller looks them up here.
import { ANY_KIND } from "./kind-tools.js";
import type { KindCollector, RemediationAction } from "./kind-tools.js";
import { tagsAddRequiredTags } from "./actions/manual-tags.js";
import { AWS_KIND_FOLDERS } from "./kinds/index.js";

export const COLLECTORS: readonly KindCollector[] = AWS_KIND_FOLDERS.map((f) => f.collector);

/**
 * Every remediation action: each kind folder's, then those for any kind. Parameters differ per
 * action, so callers validate a policy's params with `action.params.parse(...)` before calling `plan`/`apply`/`guidance`.
 */
export const ACTIONS: readonly RemediationAction[] = [...AWS_KIND_FOLDERS.flatMap((f) => f.actions), tagsAddRequiredTags];

export function findCollector(kind: string): KindCollector | undefined {
  return COLLECTORS.find((c) => c.kind === kind);
}

export function findAction(name: string): RemediationAction | undefined {
  return ACTIONS.find((a) => a.name === name);
}

/** The actions that act on a kind, those for any kind ({@link ANY_KIND}) included. */
export function actionsForKind(kind: string): RemediationAction[] {
  return ACTIONS.filter((a) => a.kind === kind || a.kind === ANY_KIND);
}
