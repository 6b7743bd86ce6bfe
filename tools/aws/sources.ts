// AWS's sources: a live account through the SDK and the sandbox file, both opened by openTarget into one Session.
import type { Target } from "../../contracts/target.js";
import type { SessionOptions, Source } from "../../engine/domain.js";
import type { AwsContext } from "./context.js";
import { join } from "node:path";
import { generateDemoAccount, generateScaleAccount, writeSandboxFile } from "./sandbox/generate.js";
import type { SandboxFile } from "./sandbox/schema.js";

// The clients, sandbox handlers and middleware load when a session opens, not with the registry.
const openTarget = async (target: Target, options?: SessionOptions) => (await import("./target.js")).openTarget(target, options);

// Both change an account through the SDK clients: the sandbox's answer them from its file.
const APPLIES = "cloud";

const awsSource = (name: string, type: Target["type"]): Omit<Source<AwsContext>, "rehearsal"> => ({
  name,
  targetTypes: [type],
  applies: APPLIES,
  // The session says what the source says, so the enforcer reads it from what it acts through.
  open: async (target, options) => ({ ...(await openTarget(target, options)), applies: APPLIES }),
});

export const awsLiveSource: Source<AwsContext> = {
  ...awsSource("aws-live", "aws"),
  rehearsal: {
    by: "source",
    source: "aws-sandbox",
    why: "it reads and changes a real AWS account; the sandbox source runs the same SDK clients, collectors and actions, answered from a file",
  },
};
const generated = (resources: number | undefined, seed: number | undefined): SandboxFile =>
  resources === undefined ? generateDemoAccount() : generateScaleAccount({ resources, ...(seed === undefined ? {} : { seed }) });

/** Organisation account ids: 1111 0000 0000, then counting up, so files and ids sort alike. */
const ORG_FIRST_ACCOUNT = 111100000000;
const DEFAULT_SEED = 42;

/** The generated account as account `id`: every mention of its own id (ARNs, owners) becomes `id`. */
function asAccount(state: SandboxFile, id: string): SandboxFile {
  const moved = JSON.parse(JSON.stringify(state).replaceAll(state.account, id)) as SandboxFile;
  // `account` first: an organisation folder reads each file's id from its first bytes.
  return { ...moved, account: id };
}

export const awsSandboxSource: Source<AwsContext> = {
  ...awsSource("aws-sandbox", "sandbox"),
  targetTypes: ["sandbox", "sandbox-org"],
  rehearsal: { by: "simulation", target: (file) => ({ type: "sandbox", file }) },
  initSimulated(file, options = {}) {
    writeSandboxFile(file, generated(options.resources, options.seed));
  },
  initSimulatedOrg(dir, options) {
    const width = String(options.accounts).length;
    const files: string[] = [];
    for (let i = 0; i < options.accounts; i++) {
      const file = join(dir, `account-${String(i + 1).padStart(Math.max(2, width), "0")}.json`);
      // A seed per account, so the accounts differ as real ones do, and the same seed gives the same organisation.
      const state = generated(options.resources, (options.seed ?? DEFAULT_SEED) + i);
      writeSandboxFile(file, asAccount(state, String(ORG_FIRST_ACCOUNT + i)));
      files.push(file);
    }
    return files;
  },
};
