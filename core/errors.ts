// One error type for the whole project: a closed list of codes, so callers (and job
// processors, where prototypes are lost in serialisation) can branch on `code`.

export const ERROR_CODES = [
  "CONFIG_INVALID",
  "INPUT_INVALID",
  "INTENT_UNTRANSLATABLE",
  "INTENT_NEEDS_CONFIRMATION",
  "POLICY_INVALID",
  "POLICY_NOT_FOUND",
  "RUN_NOT_FOUND",
  "RUN_NOT_AWAITING_APPROVAL",
  /** The run's plan was overtaken (a newer policy version, a retirement, the resources changed): it cannot be approved. */
  "RUN_STALE",
  "VALIDATION_FAILED",
  "SANDBOX_FILE_INVALID",
  "SANDBOX_UNSUPPORTED_COMMAND",
  "AWS_ERROR",
  "AWS_THROTTLED",
  "REMEDIATION_FAILED",
  "STORE_ERROR",
  /** Redis (the queues) cannot be reached. */
  "QUEUE_UNAVAILABLE",
  /** HTTP API: no valid bearer token. */
  "UNAUTHORIZED",
  /** HTTP API: the token's role does not allow this. */
  "FORBIDDEN",
  /** HTTP API: too many requests for this token; retry after the window. */
  "RATE_LIMITED",
  /** Something other than a run or policy (a route, a token, a job) does not exist. */
  "NOT_FOUND",
  /** The LLM translator's endpoint failed (HTTP error, timeout, unreachable) after its bounded retries. */
  "LLM_UNAVAILABLE",
  "INTERNAL",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AgpmErrorOptions {
  cause?: unknown;
  /** Structured, JSON-safe details for machines (paths, suggestions, ids). */
  details?: Record<string, unknown>;
}

export class AgpmError extends Error {
  override readonly name = "AgpmError";
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: AgpmErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details ?? {};
  }

  toJSON(): { code: ErrorCode; message: string; details: Record<string, unknown> } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

/** True for an AgpmError, or anything that crossed a serialisation boundary as one. */
export function isAgpmError(value: unknown, code?: ErrorCode): value is AgpmError {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as { name?: unknown; code?: unknown };
  if (candidate.name !== "AgpmError" || typeof candidate.code !== "string") return false;
  return code === undefined || candidate.code === code;
}

/** The message of any thrown value, for logs and reports. */
export function errorMessage(value: unknown): string {
  if (value instanceof Error) return value.message;
  return typeof value === "string" ? value : JSON.stringify(value);
}
