// The API's one error shape and the central handler that produces it: AgpmError codes map to
// statuses, framework errors to the same shape, and nothing internal (stacks, SQL, hosts) leaks.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { AgpmError, ERROR_CODES, isAgpmError, type ErrorCode } from "../core/errors.js";
import { formatJsonPath } from "../core/json-path.js";

export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    /** For INPUT_INVALID: every failing field, e.g. `body.intent` or `query.limit`. */
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    /** Quote it when reporting a problem: the server log has the details under this id. */
    requestId: z.string(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

const STATUS: Partial<Record<ErrorCode, number>> = {
  INPUT_INVALID: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  POLICY_NOT_FOUND: 404,
  RUN_NOT_FOUND: 404,
  RUN_NOT_AWAITING_APPROVAL: 409,
  RUN_STALE: 409,
  INTENT_UNTRANSLATABLE: 422,
  INTENT_NEEDS_CONFIRMATION: 422,
  POLICY_INVALID: 422,
  VALIDATION_FAILED: 422,
  RATE_LIMITED: 429,
  AWS_ERROR: 502,
  REMEDIATION_FAILED: 502,
  QUEUE_UNAVAILABLE: 503,
  LLM_UNAVAILABLE: 503,
  AWS_THROTTLED: 503,
};

/** Codes whose message may name internals (paths, SQL, hosts): the client gets a fixed sentence instead. */
const CONCEALED: Partial<Record<ErrorCode, string>> = {
  QUEUE_UNAVAILABLE: "the job queue is unavailable; try again later",
  LLM_UNAVAILABLE: "the LLM translator is unavailable; try again later",
  STORE_ERROR: "internal error",
  CONFIG_INVALID: "internal error",
  SANDBOX_FILE_INVALID: "internal error",
  SANDBOX_UNSUPPORTED_COMMAND: "internal error",
  INTERNAL: "internal error",
};

/** The message a client may see for an error of this code. */
export function publicMessage(code: string, message: string): string {
  return CONCEALED[code as ErrorCode] ?? message;
}

export function statusForCode(code: ErrorCode): number {
  return STATUS[code] ?? 500;
}

export interface FieldIssue {
  path: string;
  message: string;
}

/** `body.options.maxChanges`, `query.limit`, `params.id`: where in the request a value was wrong. */
export function fieldPath(location: string, path: ReadonlyArray<PropertyKey>): string {
  return `${location}${formatJsonPath(path).slice(1)}`;
}

export function inputInvalid(issues: FieldIssue[]): AgpmError {
  const first = issues[0];
  const message = first ? `${first.path}: ${first.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ""}` : "invalid input";
  return new AgpmError("INPUT_INVALID", message, { details: { issues } });
}

interface Mapped {
  error: AgpmError;
  status: number;
}

/** A framework error (body parser, rate limiter…) as the AgpmError the client sees, with its status. */
function fromFramework(error: FastifyError): Mapped | null {
  switch (error.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return { status: 413, error: new AgpmError("INPUT_INVALID", "the request body is too large") };
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return { status: 415, error: new AgpmError("INPUT_INVALID", "send the body as application/json") };
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return { status: 400, error: new AgpmError("INPUT_INVALID", "the body is not valid JSON") };
    default:
      break;
  }
  const status = error.statusCode ?? 500;
  // Other client errors the framework raises (bad URL encoding, content-length…) are the caller's input.
  if (status >= 400 && status < 500) return { status, error: new AgpmError("INPUT_INVALID", error.message) };
  return null;
}

function send(reply: FastifyReply, status: number, error: AgpmError, requestId: string): FastifyReply {
  const issues = Array.isArray(error.details.issues) ? (error.details.issues as FieldIssue[]) : undefined;
  const body: ErrorBody = {
    error: { code: error.code, message: CONCEALED[error.code] ?? error.message, ...(issues ? { issues } : {}), requestId },
  };
  return reply.code(status).type("application/json; charset=utf-8").send(body);
}

/** Installs the error and not-found handlers on the root instance (children inherit them). */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((raw: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const mapped = isAgpmError(raw)
      ? { error: raw, status: statusForCode(raw.code) }
      : raw instanceof Error ? fromFramework(raw as FastifyError) : null;
    if (!mapped) {
      request.log.error({ err: raw }, "unhandled error");
      return send(reply, 500, new AgpmError("INTERNAL", "internal error"), request.id);
    }
    if (mapped.status >= 500) request.log.error({ err: raw, code: mapped.error.code }, "request failed");
    return send(reply, mapped.status, mapped.error, request.id);
  });
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) =>
    send(reply, 404, new AgpmError("NOT_FOUND", `no route ${request.method} ${request.url.split("?")[0] ?? ""}`), request.id),
  );
}
