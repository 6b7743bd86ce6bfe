// Bolt and the Slack Web API client log through the server's pino logger (JSON lines, same level
// and fields) instead of their own console logger.
import { LogLevel, type Logger as SlackLogger } from "@slack/bolt";
import { errorMessage } from "../core/errors.js";
import type { Logger } from "../observability/index.js";

const text = (parts: unknown[]) => parts.map((p) => (typeof p === "string" ? p : errorMessage(p))).join(" ");

export function slackLogger(logger: Logger): SlackLogger {
  const log = logger.child({ component: "slack" });
  return {
    debug: (...parts: unknown[]) => log.debug(text(parts)),
    info: (...parts: unknown[]) => log.info(text(parts)),
    warn: (...parts: unknown[]) => log.warn(text(parts)),
    error: (...parts: unknown[]) => log.error(text(parts)),
    // The level is the server's (AGPM_LOG_LEVEL); Bolt's requests to change it are ignored.
    setLevel: () => undefined,
    getLevel: () => (log.isLevelEnabled("debug") ? LogLevel.DEBUG : log.isLevelEnabled("info") ? LogLevel.INFO : log.isLevelEnabled("warn") ? LogLevel.WARN : LogLevel.ERROR),
    setName: () => undefined,
  };
}
