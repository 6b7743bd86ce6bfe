// The one registry, built from the domain list in tools/index.ts: kinds, controls, params, actions,
// collectors and sources by name. The engine's any-kind controls (tags, names) join every domain's.
// Only this file imports tools/; engine/controls/any-kind.ts is imported only here (it reads the
// registry back at call time, so the registry must be evaluated first).
import { z } from "zod";
import { AgpmError } from "../core/errors.js";
import type { JsonValue } from "../contracts/policy.js";
import type { Target } from "../contracts/target.js";
import { DOMAINS } from "../tools/index.js";
import { ANY_KIND } from "./control.js";
import { namesPattern, tagsAllowedValues, tagsRequired } from "./controls/any-kind.js";
import type { Action, BenchmarkEntry, ControlDefinition, ControlPolarity, Domain, KindCollector, KindDefinition, ParamDefinition, Session, SessionOptions, Source } from "./domain.js";
import { NEUTRAL_PARAMS } from "./params.js";
import { ANY_KIND_POLARITY } from "./controls/any-kind-words.js";

export { modelSchema } from "./kind.js";
export { DOMAINS };

/** Controls any domain's kinds can take: defined over the envelope's tags and name, which every resource carries. */
export const ANY_KIND_CONTROLS: readonly ControlDefinition[] = [tagsRequired, tagsAllowedValues, namesPattern] as readonly ControlDefinition[];

/** The catalogue built from a list of domains: what the parser, refusals and docs read (tests build one over extra domains). */
export interface Registry {
  domains: readonly Domain<unknown>[];
  kinds: readonly KindDefinition[];
  /** Every domain's controls, then the any-kind ones. */
  controls: readonly ControlDefinition[];
  /** Every domain's params and the neutral ones, by rank (so recognised params keep a stable key order). */
  params: readonly ParamDefinition[];
  /** The params a control may carry, generated from `params`: each key optional, no others. */
  paramsSchema: ControlParamsObject;
  polarity: Readonly<Record<string, ControlPolarity>>;
  benchmarks: Readonly<Record<string, BenchmarkEntry>>;
  findKind(name: string): KindDefinition | undefined;
  findControl(id: string): ControlDefinition | undefined;
  domainOfKind(kind: string): Domain<unknown> | undefined;
}

/** The generated params schema: one optional key per registered param, in rank order. */
export type ControlParamsObject = z.ZodObject<Record<string, z.ZodOptional<z.ZodType>>, z.core.$strict>;

/** The params schema of a list of params: each param's own schema, optional, and nothing else. */
export function controlParamsSchema(params: readonly ParamDefinition[]): ControlParamsObject {
  return z.object(Object.fromEntries(params.map((p) => [p.name, p.schema.optional()]))).strict();
}

export function createRegistry(domains: readonly Domain<unknown>[]): Registry {
  const kinds = domains.flatMap((d) => d.kinds);
  const controls = [...domains.flatMap((d) => d.controls), ...ANY_KIND_CONTROLS];
  // By rank (a stable sort keeps declaration order on ties), so recognised params keep a stable key order.
  const params = [...NEUTRAL_PARAMS, ...domains.flatMap((d) => d.params)].sort((a, b) => a.rank - b.rank);
  return {
    domains,
    kinds,
    controls,
    params,
    paramsSchema: controlParamsSchema(params),
    polarity: Object.assign({}, ...domains.map((d) => d.polarity), ANY_KIND_POLARITY) as Record<string, ControlPolarity>,
    benchmarks: Object.assign({}, ...domains.map((d) => d.benchmarks)) as Record<string, BenchmarkEntry>,
    findKind: (name) => kinds.find((k) => k.name === name),
    findControl: (id) => controls.find((c) => c.id === id),
    domainOfKind: (kind) => domains.find((d) => d.kinds.some((k) => k.name === kind)),
  };
}

/** The registry of the domains tools/index.ts lists. */
export const REGISTRY: Registry = createRegistry(DOMAINS);
export const KINDS: readonly KindDefinition[] = REGISTRY.kinds;
export const KIND_NAMES = KINDS.map((k) => k.name);
export const CONTROLS: readonly ControlDefinition[] = REGISTRY.controls;
/** Every param, in the params schema's order (so recognised params keep a stable key order). */
export const PARAMS: readonly ParamDefinition[] = REGISTRY.params;
/** Values the translator recognised in the intent, offered to the controls that take them (the built-in registry's params). */
export const ControlParamsSchema: ControlParamsObject = REGISTRY.paramsSchema;
/** Every control's polar words, by control id. */
export const POLARITY: Readonly<Record<string, ControlPolarity>> = REGISTRY.polarity;
/** Every domain's benchmark table, merged: the catalogue docs list it. */
export const BENCHMARKS: Readonly<Record<string, BenchmarkEntry>> = REGISTRY.benchmarks;
export const ACTIONS: readonly Action<Record<string, JsonValue>>[] = DOMAINS.flatMap((d) => d.actions);
export const COLLECTORS: readonly KindCollector[] = DOMAINS.flatMap((d) => d.collectors);
export const SOURCES: readonly Source[] = DOMAINS.flatMap((d) => d.sources);

export function findKind(name: string): KindDefinition | undefined {
  return REGISTRY.findKind(name);
}

/** The domain a kind belongs to. */
export function domainOfKind(kind: string): Domain<unknown> | undefined {
  return REGISTRY.domainOfKind(kind);
}

export function findControl(id: string): ControlDefinition | undefined {
  return REGISTRY.findControl(id);
}

/** The controls that can govern a kind: its own, then the any-kind ones (tags, names). */
export function controlsForKind(kind: string): ControlDefinition[] {
  return [...CONTROLS.filter((c) => c.kind === kind), ...CONTROLS.filter((c) => c.kind === ANY_KIND)];
}

export function findAction(name: string): Action<Record<string, JsonValue>> | undefined {
  return ACTIONS.find((a) => a.name === name);
}

/** The actions that act on a kind, those for any kind included. */
export function actionsForKind(kind: string): Action<Record<string, JsonValue>>[] {
  return ACTIONS.filter((a) => a.kind === kind || a.kind === ANY_KIND);
}

export function findCollector(kind: string): KindCollector | undefined {
  return COLLECTORS.find((c) => c.kind === kind);
}

/** The source that opens targets of a type ("aws", "sandbox"). */
export function sourceFor(targetType: Target["type"]): Source | undefined {
  return SOURCES.find((s) => s.targetTypes.includes(targetType));
}

/** The domain whose source opens targets of a type: what `location.domain` says of what that target holds. */
export function domainOfTarget(targetType: Target["type"]): string | undefined {
  const source = sourceFor(targetType);
  return source ? DOMAINS.find((d) => d.sources.includes(source))?.name : undefined;
}

/** The source that writes simulated target files (`agpm sandbox init`). */
export function simulatedSource(): (Source & Required<Pick<Source, "initSimulated">>) | undefined {
  return SOURCES.find((s): s is Source & Required<Pick<Source, "initSimulated">> => s.initSimulated !== undefined);
}

/**
 * Opens a target through the source that serves its type.
 * @throws AgpmError INPUT_INVALID when no domain serves the target's type; the source's own errors otherwise.
 */
export function openSession(target: Target, options?: SessionOptions): Promise<Session> {
  const source = sourceFor(target.type);
  if (!source) throw new AgpmError("INPUT_INVALID", `no source opens targets of type "${target.type}"`, { details: { type: target.type } });
  return source.open(target, options);
}
