// AWS's sources: a live account through the SDK and the sandbox file, both opened by openTarget into one Session shape.
import type { JsonValue } from "../../contracts/policy.js";
import type { Target } from "../../contracts/target.js";
import type { Session, Source } from "../../engine/domain.js";
import type { AwsContext } from "./context.js";
import { collectAll, collectOne } from "./inventory.js";
import { actionsForKind } from "./registry.js";
import { openTarget, type OpenTargetOptions } from "./target.js";
import type { RemediationAction } from "./kind-tools.js";

/** Opens an AWS target (live or sandbox) as a Session over its account and regions. */
export async function openAwsSession(target: Target, options: OpenTargetOptions = {}): Promise<Session<AwsContext>> {
  const opened = await openTarget(target, options);
  const { ctx } = opened;
  return {
    ctx,
    root: () => ctx.account,
    partitions: () => ctx.regions,
    collect: (kinds, filter) => collectAll(ctx, kinds, filter),
    collectOne: (kind, id, partition) => collectOne(ctx, kind, id, partition),
    actions: (kind): RemediationAction<Record<string, JsonValue>>[] => actionsForKind(kind),
    describe: opened.describe,
    close: () => opened.close(),
  };
}

const awsSource = (name: string, type: Target["type"]): Source<Target, OpenTargetOptions, AwsContext> => ({
  name,
  targetTypes: [type],
  open: openAwsSession,
});

export const awsLiveSource = awsSource("aws-live", "aws");
export const awsSandboxSource = awsSource("aws-sandbox", "sandbox");
