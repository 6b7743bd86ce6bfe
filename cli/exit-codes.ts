// Exit codes, one meaning each, documented in the README's "Exit codes" table; CI gates on them.
import { z } from "zod";
import type { Outstanding } from "../agents/reporter/report.js";
import type { ErrorCode } from "../core/errors.js";
import { SeveritySchema, type Severity } from "../contracts/policy.js";

export const EXIT = {
  ok: 0,
  /** Something at or above --fail-on still fails after enforcement, or the run failed. */
  failed: 1,
  /** The intent could not be translated, or input/configuration is invalid. */
  invalid: 2,
  /** The run paused for approval. */
  awaitingApproval: 3,
} as const;

const INVALID: ReadonlySet<ErrorCode> = new Set([
  "CONFIG_INVALID", "INPUT_INVALID", "INTENT_UNTRANSLATABLE", "INTENT_NEEDS_CONFIRMATION", "POLICY_INVALID",
  "VALIDATION_FAILED", "SANDBOX_FILE_INVALID", "POLICY_NOT_FOUND", "RUN_NOT_FOUND", "RUN_NOT_AWAITING_APPROVAL", "RUN_STALE", "NOT_FOUND",
]);

export function exitCodeForError(code: string): number {
  return INVALID.has(code as ErrorCode) ? EXIT.invalid : EXIT.failed;
}

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
