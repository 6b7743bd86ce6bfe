import { describe, expect, it } from "vitest";
import { AgpmError } from "../../core/errors.js";
import { awsErrorName, backoffDelay, isAwsError, isThrottling } from "../../tools/aws/send.js";

const awsError = (name: string, extra: object = {}) => Object.assign(new Error(`${name} happened`), { name, $metadata: {}, ...extra });

describe("when an error is classified", () => {
  it("recognises every throttling name AWS services use", () => {
    for (const name of ["ThrottlingException", "Throttling", "SlowDown", "RequestLimitExceeded", "TooManyRequestsException"]) {
      expect(isThrottling(awsError(name))).toBe(true);
    }
  });

  it("recognises throttling flagged by the SDK or by HTTP 429, whatever its name", () => {
    expect(isThrottling(awsError("Odd", { $retryable: { throttling: true } }))).toBe(true);
    expect(isThrottling(awsError("Odd", { $metadata: { httpStatusCode: 429 } }))).toBe(true);
  });

  it("does not take refusals or quota errors for throttling", () => {
    expect(isThrottling(awsError("AccessDenied"))).toBe(false);
    expect(isThrottling(awsError("LimitExceededException"))).toBe(false);
    expect(isThrottling("a string")).toBe(false);
  });

  it("matches AWS error names on raw errors and on AgpmErrors that wrap them", () => {
    const wrapped = new AgpmError("AWS_ERROR", "GetBucketPolicy failed", { details: { awsError: "NoSuchBucketPolicy" } });
    expect(isAwsError(awsError("NoSuchBucketPolicy"), "NoSuchBucketPolicy")).toBe(true);
    expect(isAwsError(wrapped, "NoSuchTagSet", "NoSuchBucketPolicy")).toBe(true);
    expect(isAwsError(wrapped, "NoSuchTagSet")).toBe(false);
    expect(isAwsError(new AgpmError("INTERNAL", "x"))).toBe(false);
    expect(awsErrorName(wrapped)).toBe("NoSuchBucketPolicy");
  });
});

describe("when backing off", () => {
  const policy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1_000 };

  it("draws a delay up to base × 2^(attempt-1), capped at the maximum", () => {
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(policy, attempt, () => 0.999999))).toEqual([99, 199, 399, 799, 999]);
    expect(backoffDelay(policy, 3, () => 0)).toBe(0);
  });
});
