// AWS's sources: a live account through the SDK and the sandbox file, both opened by openTarget into one Session.
import type { Target } from "../../contracts/target.js";
import type { Source } from "../../engine/domain.js";
import type { AwsContext } from "./context.js";
import { openTarget } from "./target.js";
import { generateDemoAccount, generateScaleAccount, writeSandboxFile } from "./sandbox/index.js";

const awsSource = (name: string, type: Target["type"]): Source<AwsContext> => ({
  name,
  targetTypes: [type],
  open: openTarget,
});

export const awsLiveSource = awsSource("aws-live", "aws");
export const awsSandboxSource: Source<AwsContext> = {
  ...awsSource("aws-sandbox", "sandbox"),
  initSimulated(file, options = {}) {
    const { resources, seed } = options;
    writeSandboxFile(file, resources === undefined ? generateDemoAccount() : generateScaleAccount({ resources, ...(seed === undefined ? {} : { seed }) }));
  },
};
