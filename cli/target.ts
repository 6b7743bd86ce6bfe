// Chooses the account a command works on: the sandbox file (default, created on first use), a
// sandbox organisation (--sandbox DIR: a folder of account files), or, with --aws, the real account
// through the default credential chain — or many accounts through it (--accounts FILE, --org).
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { AgpmError } from "../core/errors.js";
import type { Config } from "../core/config.js";
import type { Target } from "../contracts/target.js";
import { readAccountsFile } from "./accounts-file.js";

export const TargetFlagsSchema = z.object({
  sandbox: z.string().min(1).optional(),
  aws: z.boolean().optional(),
  region: z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, "an AWS region such as eu-west-1").optional(),
  /** A file listing the accounts to read (JSON or a YAML list), with --aws or a sandbox organisation folder. */
  accounts: z.string().min(1).optional(),
  /** With --aws: every ACTIVE account AWS Organizations lists. */
  org: z.boolean().optional(),
  /** The role to assume in accounts whose entry names none (default OrganizationAccountAccessRole). */
  roleName: z.string().min(1).optional(),
});
export type TargetFlags = z.infer<typeof TargetFlagsSchema>;

export interface ResolvedTarget {
  target: Target;
  /** Said to the user when something was set up on their behalf. */
  notice?: string;
}

const isDir = (path: string) => existsSync(path) && statSync(path).isDirectory();

/** One line naming a target for logs: `sandbox demo.json`, `aws organisation (eu-west-1)`. */
export function targetLabel(target: Target): string {
  if (target.type === "sandbox") return `sandbox ${target.file}`;
  if (target.type === "sandbox-org") return `sandbox organisation ${target.dir}`;
  const regions = target.regions?.join(",") ?? "every region";
  if (target.accounts === "organization") return `aws organisation (${regions})`;
  return target.accounts ? `aws ${target.accounts.length} accounts (${regions})` : `aws ${regions}`;
}

export async function resolveTarget(flags: TargetFlags, config: Config, defaultSandbox: string, cwd: string): Promise<ResolvedTarget> {
  if (flags.org && flags.accounts) throw new AgpmError("INPUT_INVALID", "--org lists the organisation's accounts; --accounts names them: use one");
  const many = {
    ...(flags.accounts ? { accounts: readAccountsFile(resolve(cwd, flags.accounts)) } : {}),
    ...(flags.roleName ? { roleName: flags.roleName } : {}),
  };
  if (flags.aws) {
    if (flags.sandbox) throw new AgpmError("INPUT_INVALID", "--aws and --sandbox cannot be used together");
    if (flags.roleName && !flags.org && !flags.accounts) throw new AgpmError("INPUT_INVALID", "--role-name applies to --org or --accounts");
    const region = flags.region ?? config.aws.region;
    return {
      target: {
        type: "aws", region, ...(flags.region ? { regions: [flags.region] } : {}), ...(config.aws.endpoint ? { endpoint: config.aws.endpoint } : {}),
        ...many, ...(flags.org ? { accounts: "organization" as const } : {}),
      },
    };
  }
  if (flags.region) throw new AgpmError("INPUT_INVALID", "--region applies to --aws; a sandbox file holds its own regions");
  if (flags.org) throw new AgpmError("INPUT_INVALID", "--org applies to --aws; a sandbox organisation folder (--sandbox DIR) lists its own accounts");
  const file = resolve(cwd, flags.sandbox ?? defaultSandbox);
  // A folder is an organisation: each *.json in it one account, in the sandbox file format unchanged.
  if (isDir(file)) return { target: { type: "sandbox-org", dir: file, ...many } };
  if (flags.accounts || flags.roleName) throw new AgpmError("INPUT_INVALID", "--accounts and --role-name apply to --aws or to a sandbox organisation folder (--sandbox DIR)");
  if (existsSync(file)) return { target: { type: "sandbox", file } };
  if (flags.sandbox) {
    throw new AgpmError("INPUT_INVALID", `sandbox file ${file} does not exist; create one with: agpm sandbox init ${flags.sandbox} (or an organisation: agpm sandbox init-org DIR --accounts 3)`);
  }
  // Loaded here, not at start-up: listing policies never needs the domains.
  const { simulatedSource } = await import("../engine/registry.js");
  const source = simulatedSource();
  if (!source) throw new AgpmError("INTERNAL", "no domain offers a simulated target");
  source.initSimulated(file);
  return { target: { type: "sandbox", file }, notice: `Created the demo sandbox account at ${file} (agpm sandbox show to see it).` };
}
