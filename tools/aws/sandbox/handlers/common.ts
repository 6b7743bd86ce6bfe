// Helpers every service's handlers share: opaque pagination tokens and required parameters.
import { awsError } from "../errors.js";
import type { HandlerContext } from "./types.js";

const TOKEN_PREFIX = "sbx1:";

/** An opaque next-page token for an offset into a result list. */
export function tokenFor(offset: number): string {
  return Buffer.from(`${TOKEN_PREFIX}${offset}`).toString("base64url");
}

/** The offset a token stands for; undefined when the token is not one of ours. */
export function offsetOf(token: string): number | undefined {
  const text = Buffer.from(token, "base64url").toString();
  if (!text.startsWith(TOKEN_PREFIX)) return undefined;
  const offset = Number(text.slice(TOKEN_PREFIX.length));
  return Number.isInteger(offset) && offset >= 0 ? offset : undefined;
}

export interface Page<T> {
  items: T[];
  next: string | undefined;
}

/**
 * One page of `items`: starts at the token's offset, holds at most `size` items (all when undefined).
 * `badToken` builds the service's own error for a token we did not issue.
 */
export function pageOf<T>(items: readonly T[], token: string | undefined, size: number | undefined, badToken: () => Error): Page<T> {
  let start = 0;
  if (token !== undefined && token !== "") {
    const offset = offsetOf(token);
    if (offset === undefined) throw badToken();
    start = offset;
  }
  const end = size === undefined ? items.length : Math.min(items.length, start + size);
  return { items: items.slice(start, end), next: end < items.length ? tokenFor(end) : undefined };
}

/** A required parameter: missing ones fail as the SDK (URI labels) or the service would fail them. */
export function required<T>(ctx: HandlerContext, value: T | undefined | null, name: string, where: "label" | "body"): T {
  if (value !== undefined && value !== null && value !== "") return value;
  if (where === "label") throw new Error(`No value provided for input HTTP label: ${name}.`);
  switch (ctx.service) {
    case "ec2":
      throw awsError("ec2", "MissingParameter", 400, `The request must contain the parameter ${name}`);
    case "efs":
      throw awsError("efs", "BadRequest", 400, `${name} is required`);
    case "s3":
    case "s3control":
      throw awsError(ctx.service, "MalformedXML", 400, "The XML you provided was not well-formed or did not validate against our published schema");
    default:
      throw awsError(ctx.service, "ValidationError", 400, `1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`);
  }
}

/** EC2-style MaxResults bounds check. */
export function checkRange(ctx: HandlerContext, name: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined) return;
  if (Number.isInteger(value) && value >= min && value <= max) return;
  const error = ctx.service === "ec2" ? "InvalidParameterValue" : ctx.service === "efs" ? "BadRequest" : ctx.service === "s3" ? "InvalidArgument" : "ValidationError";
  throw awsError(ctx.service, error, 400, `Value (${value}) for parameter ${name} is invalid. Expecting a value between ${min} and ${max}.`);
}
