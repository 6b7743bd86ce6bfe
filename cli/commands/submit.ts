// `agpm submit`: enqueues an intent on the intents queue and, with --wait, prints its report.
import { z } from "zod";
import { AgpmError, ERROR_CODES, isAgpmError, type ErrorCode } from "../../core/errors.js";
import { openIntentsQueue, submitIntent, waitForResult } from "../../client/producer.js";
import type { App } from "../app.js";
import { EXIT } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { resolveTarget } from "../target.js";
import { exitCodeFor, IntentSchema, printReport, RunFlagsSchema } from "./run.js";

export const SubmitFlagsSchema = RunFlagsSchema.extend({
  wait: z.boolean().default(false),
  timeout: z.coerce.number().positive().default(600),
});

// A failed job's reason reads "CODE: message"; recover the code so exit codes match `agpm run`.
function failureAsError(error: unknown): unknown {
  if (!isAgpmError(error, "INTERNAL")) return error;
  const match = /did not finish: ([A-Z_]+): (.*)$/s.exec(error.message);
  if (!match || !(ERROR_CODES as readonly string[]).includes(match[1] ?? "")) return error;
  return new AgpmError(match[1] as ErrorCode, match[2] ?? "", { details: error.details });
}

export async function submit(app: App, io: CliIo, intentText: string, rawFlags: Record<string, unknown>): Promise<number> {
  const intent = IntentSchema.parse(intentText);
  const flags = SubmitFlagsSchema.parse(rawFlags);
  const { target, notice } = await resolveTarget(flags, app.config, app.paths.sandboxFile, io.cwd);
  if (notice && !flags.json) io.stderr(`${notice}\n`);
  const prefix = app.config.queuePrefix;
  const producer = openIntentsQueue({ url: app.config.redisUrl, ...(prefix ? { prefix } : {}) });
  try {
    await producer.ready();
    const { jobId } = await submitIntent(producer.queue, {
      intent,
      options: {
        apply: flags.apply, autoApprove: flags.yes, target, source: "queue", requester: app.config.actor,
        ...(flags.maxChanges !== undefined ? { maxChanges: flags.maxChanges } : {}),
        ...(flags.translator ? { translator: flags.translator } : {}),
      },
    });
    if (!flags.wait) {
      io.stdout(flags.json ? `${JSON.stringify({ jobId })}\n` : `submitted job ${jobId}\n`);
      return EXIT.ok;
    }
    if (!flags.json) io.stderr(`submitted job ${jobId}; waiting for a worker…\n`);
    const report = await waitForResult(producer.queue, jobId, flags.timeout * 1000).catch((e: unknown) => {
      throw failureAsError(e);
    });
    printReport(io, report, flags);
    return exitCodeFor(report, flags);
  } finally {
    await producer.close();
  }
}
