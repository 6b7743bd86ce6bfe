// The target union: what a run scans (the sandbox file or a live AWS account), with the sandbox's fault settings.
import { z } from "zod";

export const SandboxFaultsSchema = z.strictObject({
  /** Delay added to every call, in ms. */
  latencyMs: z.number().min(0).optional(),
  throttle: z
    .strictObject({
      /** Probability (0..1) that a call is throttled, drawn from a PRNG seeded with `seed`. */
      rate: z.number().min(0).max(1).optional(),
      /** Throttle the first n calls of each command. */
      firstCalls: z.number().int().min(0).optional(),
      /** Only these commands (e.g. "DescribeInstances"); every command when absent. */
      commands: z.array(z.string()).optional(),
    })
    .optional(),
  /** PRNG seed for `throttle.rate` (default 1): the same seed and call order throttle the same calls. */
  seed: z.number().int().optional(),
});

/** Faults to inject into every sandbox call. */
export type SandboxFaults = z.input<typeof SandboxFaultsSchema>;

const RegionName = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, "a region name such as us-east-1");

export const TargetSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("sandbox"), file: z.string().min(1), faults: SandboxFaultsSchema.optional() }).strict(),
  z
    .object({
      type: z.literal("aws"),
      /** Region for global calls (STS, ListBuckets, account settings). */
      region: RegionName,
      /** Regions to scan; every enabled region (DescribeRegions) when absent. */
      regions: z.array(RegionName).min(1).optional(),
      /** An AWS-compatible endpoint (the caller passes AWS_ENDPOINT_URL here). */
      endpoint: z.url().optional(),
    })
    .strict(),
]);
export type Target = z.infer<typeof TargetSchema>;
