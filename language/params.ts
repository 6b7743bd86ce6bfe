// The control parameters an intent carries, as the catalogue's controls take them.
import type { ControlDefinition, ControlParams } from "../engine/control.js";
import type { Entities } from "./context.js";
import { REGISTRY, type Registry } from "../engine/registry.js";

/** Ports named one by one (by number or service) plus every port of each range, sorted. */
export function portList(entities: Pick<Entities, "ports" | "portRanges">, named: readonly number[] = []): number[] {
  const all = new Set([...entities.ports, ...named]);
  for (const { from, to } of entities.portRanges) for (let p = from; p <= to; p++) all.add(p);
  return [...all].sort((a, b) => a - b);
}

/**
 * Every recognised value, whether or not a chosen control takes it: each registry param reads its
 * own from the entities (the domains' declared recognisers left theirs in `values`).
 */
export function recognisedParams(entities: Entities, named: readonly number[], registry: Registry = REGISTRY): ControlParams {
  const found: Record<string, unknown> = { ...entities.values, ...entities, ports: portList(entities, named) };
  const params: Record<string, unknown> = {};
  for (const param of registry.params) {
    const value = param.recognise(found);
    if (value !== undefined) params[param.name] = value;
  }
  return params as ControlParams;
}

/** The params a control takes, out of those recognised. */
export function paramsFor(control: Pick<ControlDefinition, "takes">, params: ControlParams): ControlParams {
  const out: Record<string, unknown> = {};
  for (const key of control.takes ?? []) if (params[key] !== undefined) out[key] = params[key];
  return out as ControlParams;
}

/** The recognised params that at least one of the chosen controls takes. */
export function collectParams(entities: Entities, named: readonly number[], chosen: ReadonlyArray<Pick<ControlDefinition, "takes">>, registry: Registry = REGISTRY): ControlParams {
  const all = recognisedParams(entities, named, registry);
  return chosen.reduce<ControlParams>((acc, c) => ({ ...acc, ...paramsFor(c, all) }), {});
}
