// `agpm sweep`: sweep every active policy (or the named ones) now — in this process with --now,
// otherwise as a job on the sweeps queue that workers fan out per policy and region.
import { z } from "zod";
import { openSweepsQueue, requestSweep, waitForResult } from "../../client/producer.js";
import { sweepNow } from "../../workers/sweep-now.js";
import { quietSweep } from "../../workers/sweep-report.js";
import type { SweepJobInput, SweepResult } from "../../contracts/sweeps-queue.js";
import type { App } from "../app.js";
import { EXIT } from "../exit-codes.js";
import { DEFAULT_GATE, findingsFail, GateFlagsSchema, type Gate } from "../gate.js";
import type { CliIo } from "../io.js";
import { renderSweep } from "../output/sweep.js";
import { requireActivePolicies } from "../policy-ids.js";
import { resolveTarget, TargetFlagsSchema } from "../target.js";

/** `--policy a --policy b` arrives as an array; one as a string. */
export const PolicyListSchema = z.union([z.string(), z.array(z.string())]).optional().transform((v) => (v === undefined ? undefined : [v].flat()));

export const SweepFlagsSchema = TargetFlagsSchema.extend(GateFlagsSchema.shape).extend({
  now: z.boolean().default(false),
  policy: PolicyListSchema,
  apply: z.boolean().default(false),
  yes: z.boolean().default(false),
  maxChanges: z.coerce.number().int().min(0).optional(),
  wait: z.boolean().default(false),
  timeout: z.coerce.number().positive().default(600),
  json: z.boolean().default(false),
  quiet: z.boolean().default(false),
});

/**
 * 3 when a run (or a change held for another run) waits for approval, 1 when a run failed or (unless `--soft-fail`) something at or
 * above `--fail-on` still fails after enforcement — in audit and enforce policies alike — else 0.
 */
export function exitCodeForSweep(result: SweepResult, gate: Gate = DEFAULT_GATE): number {
  if (result.totals.awaitingApproval > 0 || (result.totals.pendingApproval ?? 0) > 0) return EXIT.awaitingApproval;
  if (result.failures.length > 0 || result.runs.some((r) => r.error !== null)) return EXIT.failed;
  return result.runs.some((r) => findingsFail(r.outstanding, r.collectionErrors.length, gate)) ? EXIT.failed : EXIT.ok;
}

/** The sweep request the flags describe (shared with `agpm schedule add`). */
export async function sweepRequest(app: App, io: CliIo, flags: z.infer<typeof SweepFlagsSchema>, source: string): Promise<SweepJobInput> {
  await requireActivePolicies(app.store, flags.policy);
  const { target, notice } = await resolveTarget(flags, app.config, app.paths.sandboxFile, io.cwd);
  if (notice && !flags.json) io.stderr(`${notice}\n`);
  return {
    ...(flags.policy ? { policyIds: flags.policy } : {}),
    options: {
      apply: flags.apply, autoApprove: flags.yes, target, source, requester: app.config.actor,
      ...(flags.maxChanges !== undefined ? { maxChanges: flags.maxChanges } : {}),
    },
  };
}

function print(io: CliIo, result: SweepResult, flags: { json: boolean; quiet: boolean }): void {
  io.stdout(flags.json ? `${JSON.stringify(flags.quiet ? quietSweep(result) : result, null, 2)}\n` : renderSweep(result, io));
}

export async function sweep(app: App, io: CliIo, rawFlags: Record<string, unknown>): Promise<number> {
  const flags = SweepFlagsSchema.parse(rawFlags);
  const request = await sweepRequest(app, io, flags, "cli");
  if (flags.now) {
    const result = await sweepNow(app.deps, app.checkpointer, request, { maxChanges: app.config.maxChanges, maxTranslationAttempts: app.config.maxTranslationAttempts });
    app.progress.stop();
    print(io, result, flags);
    return exitCodeForSweep(result, flags);
  }
  const producer = openSweepsQueue({ url: app.config.redisUrl, prefix: app.config.queuePrefix });
  try {
    await producer.ready();
    const { jobId } = await requestSweep(producer.queue, request);
    if (!flags.wait) {
      io.stdout(flags.json ? `${JSON.stringify({ jobId })}\n` : `queued sweep job ${jobId}\n`);
      return EXIT.ok;
    }
    if (!flags.json) io.stderr(`queued sweep job ${jobId}; waiting for workers…\n`);
    const result = (await waitForResult(producer.queue, jobId, flags.timeout * 1000)) as SweepResult;
    print(io, result, flags);
    return exitCodeForSweep(result, flags);
  } finally {
    await producer.close();
  }
}
