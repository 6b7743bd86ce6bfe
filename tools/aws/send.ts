// The one place AWS SDK calls go through: bounded concurrency, retries with backoff on
// throttling and transient failures, and AWS errors turned into typed AgpmErrors.
// Not the SDK's retry strategy: it retries inside client.send, holding the limiter slot while it
// sleeps and firing no per-attempt event for the throttle/retry metrics (and @smithy/util-retry is
// not a declared dependency).
import { AgpmError, isAgpmError } from "../../core/errors.js";
import type { AwsContext, RetryPolicy } from "./context.js";

/** Any SDK v3 command; `Out` is inferred from the command's own handler type. */
export interface SdkCommand<Out> {
  readonly input: object;
  resolveMiddleware(...args: never[]): (...args: never[]) => Promise<{ output: Out }>;
}

/** Any SDK v3 client. */
export interface SdkClient {
  send(command: never): Promise<unknown>;
}

/** Error names AWS services use for "slow down" (the SDK's own list, minus quota errors). */
const THROTTLING_NAMES: ReadonlySet<string> = new Set([
  "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottled",
  "RequestThrottledException", "RequestLimitExceeded", "SlowDown", "TooManyRequestsException",
  "BandwidthLimitExceeded", "EC2ThrottledException", "ProvisionedThroughputExceededException",
  "PriorRequestNotComplete",
]);
const TRANSIENT_NAMES: ReadonlySet<string> = new Set([
  "TimeoutError", "RequestTimeout", "RequestTimeoutException", "InternalError", "ServiceUnavailable",
]);
const TRANSIENT_NODE_CODES: ReadonlySet<string> = new Set([
  "ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "EAI_AGAIN",
]);

interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  $retryable?: { throttling?: boolean };
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

function shape(e: unknown): SdkErrorShape {
  return typeof e === "object" && e !== null ? (e as SdkErrorShape) : {};
}

/** The AWS error name of a raw SDK error, or of an AgpmError that wraps one. */
export function awsErrorName(e: unknown): string | undefined {
  if (isAgpmError(e)) {
    const name = e.details["awsError"];
    return typeof name === "string" ? name : undefined;
  }
  const name = shape(e).name;
  return typeof name === "string" ? name : undefined;
}

/**
 * True when `e` is (or wraps) an AWS error with one of `names`; with no names, any AWS error.
 * @example if (isAwsError(e, "NoSuchBucketPolicy")) return null; // not configured is a fact
 */
export function isAwsError(e: unknown, ...names: string[]): boolean {
  const name = awsErrorName(e);
  if (name === undefined) return false;
  return names.length === 0 || names.includes(name);
}

export function isThrottling(e: unknown): boolean {
  const s = shape(e);
  if (s.$retryable?.throttling === true) return true;
  if (s.$metadata?.httpStatusCode === 429) return true;
  return typeof s.name === "string" && THROTTLING_NAMES.has(s.name);
}

function isTransient(e: unknown): boolean {
  const s = shape(e);
  if (typeof s.name === "string" && TRANSIENT_NAMES.has(s.name)) return true;
  if (typeof s.code === "string" && TRANSIENT_NODE_CODES.has(s.code)) return true;
  const status = s.$metadata?.httpStatusCode;
  return status !== undefined && status >= 500 && status <= 504;
}

/** Full jitter: a uniform delay in [0, min(max, base * 2^(attempt-1))]. */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

function commandName(command: object): string {
  return command.constructor.name.replace(/Command$/, "");
}

function toAgpmError(e: unknown, name: string, throttled: boolean, attempts: number): AgpmError {
  if (isAgpmError(e)) return e;
  const s = shape(e);
  const awsError = typeof s.name === "string" ? s.name : "UnknownError";
  const message = typeof s.message === "string" && s.message !== "" ? s.message : awsError;
  const details = {
    awsError,
    command: name,
    attempts,
    httpStatus: s.$metadata?.httpStatusCode ?? null,
    requestId: s.$metadata?.requestId ?? null,
  };
  if (throttled) {
    return new AgpmError("AWS_THROTTLED", `${name} was still throttled after ${attempts} attempts (${awsError}: ${message})`, { cause: e, details });
  }
  return new AgpmError("AWS_ERROR", `${name} failed: ${awsError}: ${message}`, { cause: e, details });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends one SDK command through the context's limiter, retrying throttling and transient
 * failures with exponential backoff and full jitter. The slot is released while waiting.
 * @throws AgpmError AWS_THROTTLED when still throttled after `ctx.retry.maxAttempts`;
 *         AWS_ERROR for any other failure (details.awsError is the AWS error name).
 * @example const out = await send(ctx, ctx.clients.s3(region), new GetBucketVersioningCommand({ Bucket }));
 */
export async function send<Out>(ctx: AwsContext, client: SdkClient, command: SdkCommand<Out>): Promise<Out> {
  const name = commandName(command);
  const call = client.send.bind(client) as (c: SdkCommand<Out>) => Promise<Out>;
  // Some commands (S3 Control's) add middleware to their own stack on every send, so a
  // retry re-sending the same object fails with "Duplicate middleware name": retry a copy.
  const copy = (): SdkCommand<Out> => new (command.constructor as new (input: object) => SdkCommand<Out>)(command.input);
  for (let attempt = 1; ; attempt += 1) {
    try {
      const attemptCommand = attempt === 1 ? command : copy();
      return await ctx.limiter.run(() => {
        ctx.onProgress?.({ type: "aws-call", command: name });
        return call(attemptCommand);
      });
    } catch (e) {
      const throttled = isThrottling(e);
      const retryable = throttled || isTransient(e);
      if (!retryable || attempt >= ctx.retry.maxAttempts) throw toAgpmError(e, name, throttled, attempt);
      const delayMs = backoffDelay(ctx.retry, attempt);
      ctx.onProgress?.(
        throttled
          ? { type: "throttled", command: name, attempt, delayMs }
          : { type: "retry", command: name, attempt, delayMs, error: awsErrorName(e) ?? "UnknownError" },
      );
      await sleep(delayMs);
    }
  }
}
