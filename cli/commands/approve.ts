// `agpm approve RUN_ID` / `agpm reject RUN_ID`: resume a run paused for approval.
import { resumeRun } from "../../graphs/runner.js";
import type { App } from "../app.js";
import type { CliIo } from "../io.js";
import { exitCodeFor, printReport } from "./run.js";

export async function decide(app: App, io: CliIo, runId: string, approved: boolean, flags: { json?: boolean; comment?: string }): Promise<number> {
  const { report } = await resumeRun(app.deps, app.checkpointer, runId, {
    approved,
    by: app.config.actor,
    at: app.deps.now().toISOString(),
    ...(flags.comment ? { comment: flags.comment } : {}),
  });
  app.progress.stop();
  printReport(io, report, flags.json ?? false);
  return exitCodeFor(report);
}
