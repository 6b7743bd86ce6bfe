// efs.enable-lifecycle: moves files not read for `days` days to Infrequent Access. The call replaces
// the whole lifecycle configuration, so the file system's other transitions are written back.
import { sdk } from "../../clients.js";
import type { LifecyclePolicy, TransitionToIARules } from "@aws-sdk/client-efs";
import { z } from "zod";
import { EfsFileSystemModel } from "./model.js";
import type { AutomaticAction } from "../../kind-tools.js";
import { send } from "../../send.js";
import { readFields } from "../../actions/common.js";

const { PutLifecycleConfigurationCommand } = sdk.efs;

const NAME = "efs.enable-lifecycle";
/** The periods EFS accepts for TransitionToIA. */
export const IA_DAYS = [1, 7, 14, 30, 60, 90, 180, 270, 365] as const;
const Params = z
  .object({
    days: z.number().int().refine((d) => (IA_DAYS as readonly number[]).includes(d), { message: `days must be one of ${IA_DAYS.join(", ")}` }).default(30),
  })
  .strict();
type Params = z.infer<typeof Params>;
const Fields = EfsFileSystemModel.pick({ lifecyclePolicies: true });

const transition = (days: number): string => (days === 1 ? "AFTER_1_DAY" : `AFTER_${days}_DAYS`);

/** The model's "Key:Value" strings back to EFS lifecycle policies (one transition each), IA replaced. */
function policiesWith(current: readonly string[], days: number): LifecyclePolicy[] {
  const kept = current.filter((s) => !s.startsWith("TransitionToIA:")).map((s) => {
    const [key, value] = s.split(":");
    return { [key ?? ""]: value ?? "" } as LifecyclePolicy;
  });
  return [{ TransitionToIA: transition(days) as TransitionToIARules }, ...kept];
}

export const efsEnableLifecycle: AutomaticAction<Params> = {
  name: NAME,
  kind: "aws.efs.file-system",
  title: "Move files not read for a while to EFS Infrequent Access",
  manual: false,
  effect: "tightens",
  permissions: ["elasticfilesystem:PutLifecycleConfiguration"],
  params: Params,
  plan(resource, p) {
    const { lifecyclePolicies } = readFields(resource, Fields, NAME);
    const wanted = `TransitionToIA:${transition(p.days)}`;
    if (lifecyclePolicies.includes(wanted)) return null;
    const after = [wanted, ...lifecyclePolicies.filter((s) => !s.startsWith("TransitionToIA:"))];
    return {
      before: { lifecyclePolicies },
      after: { lifecyclePolicies: after },
      summary: `move files of ${resource.id} to Infrequent Access after ${p.days} day(s) without access`,
    };
  },
  async apply(ctx, resource, p) {
    const { lifecyclePolicies } = readFields(resource, Fields, NAME);
    await send(ctx, ctx.clients.efs(resource.region), new PutLifecycleConfigurationCommand({
      FileSystemId: resource.id,
      LifecyclePolicies: policiesWith(lifecyclePolicies, p.days),
    }));
  },
};
