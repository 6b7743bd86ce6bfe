// Structured logs for workers: JSON lines on stderr, one line per event, ids carried as fields.
import { hostname } from "node:os";
import { pino } from "pino";
import type { DestinationStream, Logger } from "pino";
import { AgpmError } from "../core/errors.js";

export type { Logger } from "pino";

/** Level names a caller's config may accept (e.g. as a zod enum for AGPM_LOG_LEVEL). */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * The id fields child loggers carry, named the same everywhere so one query finds a run's,
 * a job's or a resource's lines across workers.
 */
export interface LogIds {
  runId?: string;
  jobId?: string;
  queue?: string;
  policyId?: string;
  resourceId?: string;
  sweepId?: string;
}

export interface LoggerOptions {
  /** Lowest level written; default "info". The caller reads it from config (AGPM_LOG_LEVEL). */
  level?: LogLevel | (string & {});
  /** Where lines go; default stderr (fd 2), leaving stdout to a command's own output. */
  destination?: DestinationStream | NodeJS.WritableStream;
  /** Fields on every line, beside `service: "agpm"`, `pid` and `hostname`. */
  base?: Record<string, unknown>;
}

/**
 * A pino logger writing JSON lines with an ISO `time` and the level as a label (`"level":"info"`).
 * @throws AgpmError CONFIG_INVALID for a level not in {@link LOG_LEVELS}.
 * @example
 * const log = createLogger({ level: config.logLevel, base: { worker: "intents" } });
 * const jobLog = log.child({ queue: "agpm-intents", jobId: job.id, runId } satisfies LogIds);
 * jobLog.info({ policyId }, "run completed");
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? "info";
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new AgpmError("CONFIG_INVALID", `unknown log level "${level}"; use one of ${LOG_LEVELS.join(", ")}`, { details: { level } });
  }
  return pino(
    {
      level,
      base: { service: "agpm", pid: process.pid, hostname: hostname(), ...options.base },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination ?? pino.destination(2),
  );
}
