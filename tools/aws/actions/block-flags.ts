// Block Public Access flags as action parameters: each defaults to on, and "false" means
// "leave as it is" — a remediation never turns a protection off.
import { z } from "zod";
import type { PublicAccessBlockModel } from "../kinds/s3-bucket/model.js";
import type { RemediationPlan } from "../kind-tools.js";
import { effectivePublicAccessBlock, NO_BLOCK } from "../collectors/s3-public.js";
import { changeOf } from "./common.js";

export const BlockFlagsParams = z
  .object({
    blockPublicAcls: z.boolean().default(true),
    ignorePublicAcls: z.boolean().default(true),
    blockPublicPolicy: z.boolean().default(true),
    restrictPublicBuckets: z.boolean().default(true),
  })
  .strict();
export type BlockFlagsParams = z.infer<typeof BlockFlagsParams>;

/** Current flags with the requested ones switched on: the same "either is on" rule AWS applies across levels. */
export function desiredBlock(current: PublicAccessBlockModel | null, params: BlockFlagsParams): PublicAccessBlockModel {
  return effectivePublicAccessBlock(current, params);
}

export function planBlock(current: PublicAccessBlockModel | null, params: BlockFlagsParams, where: string): RemediationPlan | null {
  const desired = desiredBlock(current, params);
  const turnedOn = Object.entries(desired).filter(([k, v]) => v && !(current ?? NO_BLOCK)[k as keyof PublicAccessBlockModel]);
  if (turnedOn.length === 0) return null;
  return changeOf("publicAccessBlock", current, desired, `turn on Block Public Access (${turnedOn.map(([k]) => k).join(", ")}) ${where}`);
}
