// The target union: what a run scans (the sandbox file, a sandbox organisation folder, or live AWS
// accounts), with the sandbox's fault settings.
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

const AccountId = z.string().regex(/^\d{12}$/, "a 12-digit AWS account id");

/** One account of an organisation to read, and how to get into it (STS AssumeRole). */
export const AccountRefSchema = z.strictObject({
  id: AccountId,
  /** The role to assume; `arn:aws:iam::<id>:role/<roleName>` when absent. */
  roleArn: z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/, "an IAM role ARN such as arn:aws:iam::111122223333:role/Audit").optional(),
  /** The external id the role's trust policy asks for, if any. */
  externalId: z.string().regex(/^[\w+=,.@:/-]{2,1224}$/, "2 to 1224 characters of letters, digits and +=,.@:/-").optional(),
  /** A name for people (AWS Organizations' account name). */
  name: z.string().min(1).optional(),
});
export type AccountRef = z.infer<typeof AccountRefSchema>;

/** The role assumed in each account when an entry names none: the one AWS Organizations creates in member accounts. */
export const DEFAULT_ROLE_NAME = "OrganizationAccountAccessRole";
const RoleName = z.string().regex(/^[\w+=,.@-]{1,64}$/, "an IAM role name such as OrganizationAccountAccessRole");

export const TargetSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("sandbox"), file: z.string().min(1), faults: SandboxFaultsSchema.optional() }).strict(),
  z
    .object({
      /** A sandbox organisation: a folder of sandbox account files (`*.json`), each one member account. */
      type: z.literal("sandbox-org"),
      dir: z.string().min(1),
      /** Only these accounts (an id with no file cannot be assumed: AccessDenied); every file's account when absent. */
      accounts: z.array(AccountRefSchema).min(1).optional(),
      roleName: RoleName.optional(),
      faults: SandboxFaultsSchema.optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal("aws"),
      /** Region for global calls (STS, ListBuckets, account settings). */
      region: RegionName,
      /** Regions to scan; every enabled region (DescribeRegions) when absent. */
      regions: z.array(RegionName).min(1).optional(),
      /** An AWS-compatible endpoint (the caller passes AWS_ENDPOINT_URL here). */
      endpoint: z.url().optional(),
      /**
       * Many accounts, each read through a role assumed from the caller's credentials: the listed ones,
       * or "organization" for every ACTIVE account AWS Organizations lists. The caller's own account when absent.
       */
      accounts: z.union([z.array(AccountRefSchema).min(1), z.literal("organization")]).optional(),
      /** The role to assume in accounts whose entry names no roleArn (default OrganizationAccountAccessRole). */
      roleName: RoleName.optional(),
    })
    .strict(),
]);
export type Target = z.infer<typeof TargetSchema>;
