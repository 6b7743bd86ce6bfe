// Slack request signatures (v0). The HMAC itself (SHA-256 of `v0:{timestamp}:{raw body}`, compared
// in constant time) is Bolt's isValidSlackRequest. The timestamp is ours: Bolt refuses only old
// ones, so a request dated in the future (a captured-and-held signature) would pass it, and it
// gives no reason we could audit; here the timestamp is held to ±5 minutes both ways, first.
import { createHmac } from "node:crypto";
import { isValidSlackRequest } from "@slack/bolt";

/** How far a request's timestamp may be from our clock, either way. */
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

export type SignatureRefusal = "unsigned" | "stale" | "future" | "forged";

export interface SignedRequest {
  /** The `x-slack-request-timestamp` header: Unix seconds. */
  timestamp: string | undefined;
  /** The `x-slack-signature` header: `v0=<hex>`. */
  signature: string | undefined;
  /** The body exactly as received. */
  rawBody: string;
}

export type SignatureVerdict = { ok: true; timestamp: number; signature: string } | { ok: false; reason: SignatureRefusal; detail: string };

/** `v0=<hex>` for a body at a timestamp: what Slack sends, and what tests sign with. */
export function signSlackRequest(signingSecret: string, timestamp: number | string, rawBody: string): string {
  return `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:${rawBody}`).digest("hex")}`;
}

/**
 * Checks a request's signature and timestamp; says why when it refuses.
 * @example verifySlackSignature(secret, { timestamp: req.headers["x-slack-request-timestamp"], signature, rawBody }, Date.now())
 */
export function verifySlackSignature(signingSecret: string, request: SignedRequest, nowMs: number): SignatureVerdict {
  const { timestamp, signature, rawBody } = request;
  if (!timestamp || !signature) return { ok: false, reason: "unsigned", detail: "no x-slack-signature or x-slack-request-timestamp header" };
  // No leading zeros: Bolt signs the number, Slack the header as sent; they must be the same text.
  if (!/^[1-9]\d{0,11}$/.test(timestamp)) return { ok: false, reason: "unsigned", detail: "x-slack-request-timestamp is not a Unix time" };
  const seconds = Number(timestamp);
  const skew = seconds - Math.floor(nowMs / 1000);
  if (skew < -SIGNATURE_TOLERANCE_SECONDS) return { ok: false, reason: "stale", detail: `timestamp is ${-skew} s old` };
  if (skew > SIGNATURE_TOLERANCE_SECONDS) return { ok: false, reason: "future", detail: `timestamp is ${skew} s ahead` };
  const headers = { "x-slack-signature": signature, "x-slack-request-timestamp": seconds };
  if (!isValidSlackRequest({ signingSecret, body: rawBody, headers, nowMilliseconds: nowMs })) {
    return { ok: false, reason: "forged", detail: "signature does not match" };
  }
  return { ok: true, timestamp: seconds, signature };
}
