// Fault injection for drills and benchmarks: latency per call and deterministic throttling with
// each service's real throttling error.
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { AgpmError } from "../../../core/errors.js";
import { formatJsonPath } from "../../../core/json-path.js";
import { throttlingError } from "./errors.js";
import { seededRandom } from "./random.js";
import type { ServiceName } from "./errors.js";
import { SandboxFaultsSchema, type SandboxFaults } from "../../../contracts/target.js";

export { SandboxFaultsSchema, type SandboxFaults };


/** Applies a SandboxFaults configuration to calls, keeping per-command counts and the PRNG. */
export class FaultInjector {
  private readonly faults: z.output<typeof SandboxFaultsSchema>;
  private readonly random: () => number;
  private readonly calls = new Map<string, number>();
  private readonly commands: ReadonlySet<string> | null;

  constructor(faults: SandboxFaults = {}) {
    const parsed = SandboxFaultsSchema.safeParse(faults);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AgpmError("INPUT_INVALID", `Invalid sandbox faults: ${formatJsonPath(issue?.path ?? [])}: ${issue?.message ?? "invalid"}`);
    }
    this.faults = parsed.data;
    this.random = seededRandom(parsed.data.seed ?? 1);
    const list = parsed.data.throttle?.commands;
    this.commands = list ? new Set(list.map((c) => c.replace(/Command$/, ""))) : null;
  }

  /** True when nothing is injected, so callers can skip the async hop entirely. */
  get idle(): boolean {
    return !this.faults.latencyMs && !this.faults.throttle;
  }

  /** Waits the injected latency, then throws the service's throttling error when this call is chosen. */
  async before(service: ServiceName, operation: string): Promise<void> {
    if (this.faults.latencyMs) await sleep(this.faults.latencyMs);
    if (this.shouldThrottle(service, operation)) throw throttlingError(service);
  }

  private shouldThrottle(service: ServiceName, operation: string): boolean {
    const throttle = this.faults.throttle;
    if (!throttle || (this.commands && !this.commands.has(operation))) return false;
    const key = `${service}.${operation}`;
    const count = this.calls.get(key) ?? 0;
    this.calls.set(key, count + 1);
    if (count < (throttle.firstCalls ?? 0)) return true;
    return throttle.rate !== undefined && throttle.rate > 0 && this.random() < throttle.rate;
  }
}
