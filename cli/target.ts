// Chooses the account a command works on: the sandbox file (default, created on first use)
// or, with --aws, the real account through the default credential chain.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { AgpmError } from "../core/errors.js";
import type { Config } from "../core/config.js";
import type { Target } from "../contracts/target.js";

export const TargetFlagsSchema = z.object({
  sandbox: z.string().min(1).optional(),
  aws: z.boolean().optional(),
  region: z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, "an AWS region such as eu-west-1").optional(),
});
export type TargetFlags = z.infer<typeof TargetFlagsSchema>;

export interface ResolvedTarget {
  target: Target;
  /** Said to the user when something was set up on their behalf. */
  notice?: string;
}

export async function resolveTarget(flags: TargetFlags, config: Config, defaultSandbox: string, cwd: string): Promise<ResolvedTarget> {
  if (flags.aws) {
    if (flags.sandbox) throw new AgpmError("INPUT_INVALID", "--aws and --sandbox cannot be used together");
    const region = flags.region ?? config.aws.region;
    return {
      target: { type: "aws", region, ...(flags.region ? { regions: [flags.region] } : {}), ...(config.aws.endpoint ? { endpoint: config.aws.endpoint } : {}) },
    };
  }
  if (flags.region) throw new AgpmError("INPUT_INVALID", "--region applies to --aws; a sandbox file holds its own regions");
  const file = resolve(cwd, flags.sandbox ?? defaultSandbox);
  if (existsSync(file)) return { target: { type: "sandbox", file } };
  if (flags.sandbox) {
    throw new AgpmError("INPUT_INVALID", `sandbox file ${file} does not exist; create one with: agpm sandbox init ${flags.sandbox}`);
  }
  // Loaded here, not at start-up: listing policies never needs the domains.
  const { simulatedSource } = await import("../engine/registry.js");
  const source = simulatedSource();
  if (!source) throw new AgpmError("INTERNAL", "no domain offers a simulated target");
  source.initSimulated(file);
  return { target: { type: "sandbox", file }, notice: `Created the demo sandbox account at ${file} (agpm sandbox show to see it).` };
}
