// What an AWS kind folder exports: everything about one kind, so adding a kind is its folder plus one line in kinds/index.ts.
import type { ControlDefinition } from "../../../engine/control.js";
import type { ControlPolarity } from "../../../engine/domain.js";
import type { KindDefinition } from "../../../engine/kind.js";
import type { KindCollector, RemediationAction } from "../kind-tools.js";
import type { ServiceName } from "../sandbox/errors.js";
import type { HandlerTable } from "../sandbox/handlers/types.js";

export interface AwsKindFolder {
  kind: KindDefinition;
  /** In catalogue order. */
  controls: readonly ControlDefinition[];
  collector: KindCollector;
  /** Its remediation actions, automatic and manual. */
  actions: readonly RemediationAction[];
  /** Its controls' polar words, by control id (the weakening detector reads them). */
  polarity?: Readonly<Record<string, ControlPolarity>>;
  /**
   * Sandbox handlers for SDK commands only this kind uses, by service. Commands several kinds
   * share (DescribeInstances, DescribeSecurityGroups…) stay in sandbox/handlers, per service.
   */
  sandbox?: Partial<Record<ServiceName, HandlerTable>>;
}
