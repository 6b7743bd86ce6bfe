// How a job failure is retried — decided in one place for every queue. AWS throttling and AWS
// 5xx are already retried with backoff call by call (tools/aws/send.ts); retrying the whole job
// on top would multiply the attempts, so the job layer retries only what no call retried:
// the store and the network between agpm and its own services, and workers that died.
import { UnrecoverableError } from "bullmq";
import { errorMessage, isAgpmError } from "../core/errors.js";

const NETWORK_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "EPIPE", "EAI_AGAIN", "ENOTFOUND", "ENETUNREACH"]);

/** Worth another attempt of the whole job later: the store or the network hiccuped. */
export function isRetryableAtJobLevel(error: { code?: unknown }): boolean {
  if (error.code === "STORE_ERROR") return true;
  return typeof error.code === "string" && NETWORK_CODES.has(error.code);
}

/**
 * The error a processor throws: retryable ones keep their code for the job's backoff, every
 * other failure (bad input, refusals, AWS still throttling after the call-level retries)
 * fails once as unrecoverable with "CODE: message" as the reason.
 */
export function jobFailure(error: unknown): Error {
  const shaped = (error ?? {}) as { code?: unknown; message?: unknown };
  const code = typeof shaped.code === "string" ? shaped.code : isAgpmError(error) ? error.code : "INTERNAL";
  const message = typeof shaped.message === "string" ? shaped.message : errorMessage(error);
  if (isRetryableAtJobLevel({ code })) return Object.assign(new Error(`${code}: ${message}`), { code });
  return new UnrecoverableError(`${code}: ${message}`);
}
