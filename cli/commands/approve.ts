// `agpm approve RUN_ID` / `agpm reject RUN_ID`: resume a run paused for approval.
import { decidableRun } from "../../agents/approval/stale.js";
import { resumeRun } from "../../graphs/runner.js";
import { openIntentsQueue, submitDecision, waitForResult } from "../../client/producer.js";
import { EXIT } from "../exit-codes.js";
import { GateFlagsSchema, type Gate } from "../gate.js";
import type { App } from "../app.js";
import type { CliIo } from "../io.js";
import { exitCodeFor, printReport } from "./run.js";

type DecideFlags = { json?: boolean; quiet?: boolean; all?: boolean; comment?: string; queue?: boolean; wait?: boolean; failOn?: string; softFail?: boolean };

export async function decide(app: App, io: CliIo, runId: string, approved: boolean, flags: DecideFlags): Promise<number> {
  const gate = GateFlagsSchema.parse({ failOn: flags.failOn, softFail: flags.softFail });
  if (flags.queue) return decideOnQueue(app, io, runId, approved, flags, gate);
  const { report } = await resumeRun(app.deps, app.checkpointer, runId, {
    approved,
    by: app.config.actor,
    at: app.deps.now().toISOString(),
    ...(flags.comment ? { comment: flags.comment } : {}),
  });
  app.progress.stop();
  printReport(io, report, flags);
  return exitCodeFor(report, gate);
}

/** The decision as a job: whichever worker takes it resumes the run from its checkpoint. */
async function decideOnQueue(app: App, io: CliIo, runId: string, approved: boolean, flags: DecideFlags, gate: Gate): Promise<number> {
  // Refused at once (stale, unknown, already decided) rather than by a worker later.
  await decidableRun(app.deps.store, runId);
  const producer = openIntentsQueue({ url: app.config.redisUrl, prefix: app.config.queuePrefix });
  try {
    await producer.ready();
    const { jobId } = await submitDecision(producer.queue, { runId, approved, by: app.config.actor, source: "cli", ...(flags.comment ? { comment: flags.comment } : {}) });
    if (!flags.wait) {
      io.stdout(flags.json ? `${JSON.stringify({ jobId })}\n` : `queued the decision as job ${jobId}\n`);
      return EXIT.ok;
    }
    const report = await waitForResult(producer.queue, jobId, 600_000);
    printReport(io, report, flags);
    return exitCodeFor(report, gate);
  } finally {
    await producer.close();
  }
}
