// Exit codes, one meaning each, documented in the README's "Exit codes" table; CI gates on them.
// No zod or contracts here: the program imports this file, and `agpm --version` must stay light.
import type { ErrorCode } from "../core/errors.js";

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
