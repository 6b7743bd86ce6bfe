// `agpm run` and `agpm check`: an intent through the whole pipeline.
import { z } from "zod";
import { quietReport, type RunReport } from "../../agents/reporter/report.js";
import { startRun } from "../../graphs/runner.js";
import type { App } from "../app.js";
import { EXIT, exitCodeForError } from "../exit-codes.js";
import { DEFAULT_GATE, findingsFail, GateFlagsSchema, type Gate } from "../gate.js";
import type { CliIo } from "../io.js";
import { renderReport } from "../output/report.js";
import { ReportViewFlagsSchema, type ReportView } from "../report-view.js";
import { resolveTarget, TargetFlagsSchema } from "../target.js";

export const IntentSchema = z
  .string()
  .transform((s) => s.trim())
  .pipe(z.string().min(3, "the intent is empty; say what must be true, e.g. \"Ensure all S3 buckets are encrypted\"").max(2000, "the intent is longer than 2000 characters"));

export const RunFlagsSchema = TargetFlagsSchema.extend(GateFlagsSchema.shape).extend(ReportViewFlagsSchema.shape).extend({
  apply: z.boolean().default(false),
  yes: z.boolean().default(false),
  maxChanges: z.coerce.number().int().min(0).optional(),
  translator: z.enum(["offline", "llm", "auto"]).optional(),
});
export type RunFlags = z.input<typeof RunFlagsSchema>;

/**
 * Exit code of a finished (or paused) run: 3 paused, 2/1 for the run's own error, else 1 when
 * something at or above `--fail-on` still fails after enforcement (unless `--soft-fail`).
 */
export function exitCodeFor(report: RunReport, gate: Gate = DEFAULT_GATE): number {
  if (report.status === "awaiting-approval") return EXIT.awaitingApproval;
  if (report.error) return exitCodeForError(report.error.code);
  if (report.status === "failed") return EXIT.failed;
  if (report.command === "explain") return EXIT.ok;
  // Changes held for another run's pending decision: like a pause, they wait for a person.
  if (report.actions.some((a) => a.status === "pending-approval")) return EXIT.awaitingApproval;
  return findingsFail(report.outstanding, report.collectionErrors.length, gate) ? EXIT.failed : EXIT.ok;
}

export function printReport(io: CliIo, full: RunReport, view: Partial<ReportView>): void {
  const report = view.quiet ? quietReport(full) : full;
  if (view.json) {
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  io.stdout(renderReport(report, io, { all: view.all ?? false }));
  if (report.error) io.stderr(`error [${report.error.code}]: ${report.error.message}\n`);
}

export async function runIntent(app: App, io: CliIo, command: "run" | "check" | "explain", intentText: string, rawFlags: RunFlags): Promise<number> {
  const intent = IntentSchema.parse(intentText);
  const flags = RunFlagsSchema.parse(rawFlags);
  const { target, notice } = await resolveTarget(flags, app.config, app.paths.sandboxFile, io.cwd);
  if (notice && !flags.json) io.stderr(`${notice}\n`);
  const { report } = await startRun(app.deps, app.checkpointer, {
    intent,
    options: {
      command,
      apply: command === "run" && flags.apply,
      autoApprove: flags.yes,
      maxChanges: flags.maxChanges ?? app.config.maxChanges,
      maxTranslationAttempts: app.config.maxTranslationAttempts,
      translator: flags.translator ?? app.config.translator,
      target,
      actor: app.config.actor,
      source: "cli",
    },
  });
  app.progress.stop();
  printReport(io, report, flags);
  return exitCodeFor(report, flags);
}
