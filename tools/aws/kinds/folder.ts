// What an AWS kind folder exports: everything about one kind, so adding a kind is its folder plus one line in kinds/index.ts.
import type { ControlDefinition } from "../../../engine/control.js";
import type { ControlPolarity } from "../../../engine/domain.js";
import type { KindDefinition } from "../../../engine/kind.js";
import type { KindCollector, RemediationAction } from "../kind-tools.js";
import type { ServiceName } from "../sandbox/errors.js";
import type { HandlerTable } from "../sandbox/handlers/types.js";
import type { KindSandboxList } from "../sandbox/kind-lists.js";

export interface AwsKindFolder {
  kind: KindDefinition;
  /** In catalogue order. */
  controls: readonly ControlDefinition[];
  collector: KindCollector;
  /** Its remediation actions, automatic and manual. */
  actions: readonly RemediationAction[];
  /** Its controls' polar words, by control id (the weakening detector reads them). */
  polarity?: Readonly<Record<string, ControlPolarity>>;
  /** What the kind adds to the sandbox: its commands and the file's lists it owns. */
  sandbox?: AwsKindSandbox;
}

export interface AwsKindSandbox {
  /**
   * Sandbox handlers for SDK commands only this kind uses, by service. Commands several kinds
   * share (DescribeInstances, DescribeSecurityGroups…) stay in sandbox/handlers, per service.
   */
  handlers?: Partial<Record<ServiceName, HandlerTable>>;
  /**
   * The sandbox file's lists of this kind (ec2.images…), each with its schema, demo items and
   * generated items. Lists that are support data, not a kind of ours (vpcs, mountTargets…), stay in
   * sandbox/schema.ts. Declare the folder with `satisfies AwsKindFolder` so the file's type sees them.
   */
  lists?: readonly KindSandboxList[];
}

/** The sandbox lists of some kind folders' types, as a union (for the sandbox file's static type). */
export type SandboxListsOf<F> = F extends { sandbox: { lists: ReadonlyArray<infer L> } } ? L : never;
