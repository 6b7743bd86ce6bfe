// The findings gate, as Checkov has it: `--fail-on` and `--soft-fail` decide which still-failing
// findings make the exit code 1. Kept out of exit-codes.ts, which `agpm --version` loads, since it needs zod.
import { z } from "zod";
import type { Outstanding } from "../agents/reporter/report.js";
import { SeveritySchema, type Severity } from "../contracts/policy.js";

/** `--fail-on` and `--soft-fail`, as Checkov has them: which findings fail the exit code, if any. */
export const GateFlagsSchema = z.object({
  failOn: SeveritySchema.default("low"),
  softFail: z.boolean().default(false),
});
export type Gate = z.infer<typeof GateFlagsSchema>;
export const DEFAULT_GATE: Gate = { failOn: "low", softFail: false };

const rank = (s: Severity) => SeveritySchema.options.indexOf(s);

/**
 * True when findings gate the exit: something at or above the threshold still fails, or a kind
 * could not be read (nothing can be vouched for). `--soft-fail` masks findings, never errors.
 */
export function findingsFail(outstanding: Outstanding | undefined, unreadable: number, gate: Gate): boolean {
  if (gate.softFail) return false;
  if (unreadable > 0) return true;
  return SeveritySchema.options.some((s) => rank(s) >= rank(gate.failOn) && (outstanding?.[s] ?? 0) > 0);
}
