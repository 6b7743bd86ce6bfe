// `agpm serve`: the HTTP API, the posture dashboard (and Slack, when configured) until SIGTERM/SIGINT.
// Intents and decisions are enqueued for `agpm worker`; the server itself runs no graph.
import { z } from "zod";
import { buildServer, openRateLimitRedis, type RateLimitRedis } from "../../api/index.js";
import { createLogger, createMetrics } from "../../observability/index.js";
import { createDashboardArea } from "../../dashboard/index.js";
import { createSlackArea, readSlackSettings } from "../../slack/index.js";
import { openIntentsQueue, openSweepsQueue } from "../../client/producer.js";
import { redactRedisUrl } from "../../client/connection.js";
import type { App } from "../app.js";
import { EXIT } from "../exit-codes.js";
import type { CliIo } from "../io.js";
import { resolveTarget, targetLabel, TargetFlagsSchema } from "../target.js";
import { terminationSignal } from "./worker.js";

export const ServeFlagsSchema = TargetFlagsSchema.extend({
  port: z.coerce.number().int().min(0).max(65535).optional(),
  host: z.string().min(1).optional(),
});

/** Serves until `stop` resolves, then stops taking requests, finishes the ones in flight and exits 0. */
export async function serve(app: App, io: CliIo, rawFlags: Record<string, unknown>, stop: Promise<string> = terminationSignal()): Promise<number> {
  const flags = ServeFlagsSchema.parse(rawFlags);
  const { target, notice } = await resolveTarget(flags, app.config, app.paths.sandboxFile, io.cwd);
  const logger = createLogger({ level: app.config.logLevel, destination: { write: (line: string) => io.stderr(line) } });
  if (notice) logger.info(notice);
  // Slack is on when SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN are set (one without the other is a configuration error).
  const slack = readSlackSettings(io.env);
  const producer = openIntentsQueue({ url: app.config.redisUrl, prefix: app.config.queuePrefix });
  // Bull Board (/admin/queues) shows the sweeps queue too.
  const sweeps = openSweepsQueue({ url: app.config.redisUrl, prefix: app.config.queuePrefix });
  let limiter: RateLimitRedis | undefined;
  try {
    await producer.ready();
    // Rate-limit counters live in the queues' Redis, so replicas share one limit per token.
    limiter = await openRateLimitRedis(app.config.redisUrl, app.config.queuePrefix);
    const server = await buildServer(
      { store: app.store, intents: producer.queue, target, metrics: createMetrics(), logger },
      { rateLimit: { max: app.config.apiRateLimit, windowMs: 60_000, redis: limiter.store }, areas: [createDashboardArea({ queues: [sweeps.queue] }), ...(slack ? [createSlackArea(slack)] : [])] },
    );
    const address = await server.listen({ port: flags.port ?? app.config.apiPort, host: flags.host ?? app.config.apiHost });
    const where = targetLabel(target);
    logger.info({ address, target: where, slack: slack !== null }, `agpm serve: ${address} (intents run on ${where}; workers take them from ${redactRedisUrl(app.config.redisUrl)})${slack ? "; Slack at /slack/commands and /slack/actions" : ""}`);
    const signal = await stop;
    logger.info({ signal }, `agpm serve: ${signal}: finishing requests in flight`);
    await server.close();
    logger.info("agpm serve: stopped");
    return EXIT.ok;
  } finally {
    limiter?.close();
    await producer.close();
    await sweeps.close();
  }
}
