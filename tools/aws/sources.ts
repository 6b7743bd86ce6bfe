// AWS's sources: a live account through the SDK and the sandbox file, both opened by openTarget into one Session.
import type { Target } from "../../contracts/target.js";
import type { SessionOptions, Source } from "../../engine/domain.js";
import type { AwsContext } from "./context.js";
import { generateDemoAccount, generateScaleAccount, writeSandboxFile } from "./sandbox/generate.js";

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
export const awsSandboxSource: Source<AwsContext> = {
  ...awsSource("aws-sandbox", "sandbox"),
  rehearsal: { by: "simulation", target: (file) => ({ type: "sandbox", file }) },
  initSimulated(file, options = {}) {
    const { resources, seed } = options;
    writeSandboxFile(file, resources === undefined ? generateDemoAccount() : generateScaleAccount({ resources, ...(seed === undefined ? {} : { seed }) }));
  },
};
