// An AWS control: the engine's ControlDefinition whose benchmark ids must come from AWS's table of published titles.
import type { ControlDefinition } from "../../../engine/control.js";
import type { BenchmarkId } from "./benchmarks.js";

export type AwsControl<M extends object = Record<string, unknown>> = ControlDefinition<M> & { benchmarks: readonly BenchmarkId[] };
