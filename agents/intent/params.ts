// The control parameters an intent carries, as the catalogue's controls take them.
import type { ControlDefinition, ControlParams } from "../../engine/control.js";
import type { Entities } from "./context.js";

/** Ports named one by one (by number or service) plus every port of each range, sorted. */
export function portList(entities: Pick<Entities, "ports" | "portRanges">, named: readonly number[] = []): number[] {
  const all = new Set([...entities.ports, ...named]);
  for (const { from, to } of entities.portRanges) for (let p = from; p <= to; p++) all.add(p);
  return [...all].sort((a, b) => a - b);
}

/** Every recognised value, whether or not a chosen control takes it. */
export function recognisedParams(entities: Entities, named: readonly number[]): ControlParams {
  const params: ControlParams = {};
  const ports = portList(entities, named);
  if (ports.length > 0) params.ports = ports;
  if (entities.kmsKeyId) params.kmsKeyId = entities.kmsKeyId;
  if (entities.days !== undefined && entities.days > 0) params.days = entities.days;
  if (entities.count !== undefined && entities.count > 0) params.count = entities.count;
  if (entities.prefixLength !== undefined) params.prefixLength = entities.prefixLength;
  if (entities.bpaFlags) params.bpaFlags = entities.bpaFlags;
  if (entities.targetBucket) params.targetBucket = entities.targetBucket;
  if (entities.requiredTags && Object.keys(entities.requiredTags).length > 0) params.tags = entities.requiredTags;
  if (entities.tagValues) params.tagValues = entities.tagValues;
  if (entities.namePattern) params.namePattern = entities.namePattern;
  return params;
}

/** The params a control takes, out of those recognised. */
export function paramsFor(control: Pick<ControlDefinition, "takes">, params: ControlParams): ControlParams {
  const out: Record<string, unknown> = {};
  for (const key of control.takes ?? []) if (params[key] !== undefined) out[key] = params[key];
  return out as ControlParams;
}

/** The recognised params that at least one of the chosen controls takes. */
export function collectParams(entities: Entities, named: readonly number[], chosen: ReadonlyArray<Pick<ControlDefinition, "takes">>): ControlParams {
  const all = recognisedParams(entities, named);
  return chosen.reduce<ControlParams>((acc, c) => ({ ...acc, ...paramsFor(c, all) }), {});
}
