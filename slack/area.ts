// The Slack area of the API server: POST /slack/commands and POST /slack/actions. Every request is
// verified (signature, ±5 minutes, never twice) before Bolt sees it; refusals are 401 and audited.
// Slack authenticates these routes, so they take no API token.
import { App } from "@slack/bolt";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ApiDeps } from "../api/deps.js";
import { onQueue } from "../api/jobs.js";
import type { ApiArea } from "../api/server.js";
import { AgpmError, errorMessage } from "../core/errors.js";
import { registerApprovals } from "./approvals.js";
import { createRoster, GROUP_CACHE_MS } from "./approvers.js";
import { createSlackAudit } from "./audit.js";
import { registerCommands } from "./commands.js";
import type { SlackSettings } from "./config.js";
import type { SlackContext } from "./context.js";
import { slackActor } from "./actor.js";
import { slackLogger } from "./logger.js";
import { parseSlackRequest, type SlackEndpoint } from "./payload.js";
import { FastifyReceiver } from "./receiver.js";
import { replayGuardFor, type ReplayGuard } from "./replay.js";
import { createBackgroundTasks } from "./tasks.js";
import { verifySlackSignature } from "./verify.js";

/** Interaction payloads repeat the whole message they came from; far above the API's JSON limit. */
export const SLACK_BODY_LIMIT_BYTES = 1024 * 1024;

export interface SlackAreaOptions {
  /** Where signatures already used are remembered; default the intents queue's Redis. */
  replayGuard?: ReplayGuard;
  /** Answer Slack without an acknowledgement after this long (Slack gives up at 3 s). Default 2500. */
  ackTimeoutMs?: number;
  /** How long to wait for a run before posting "still going". Default 15 minutes. */
  resultTimeoutMs?: number;
  /** On close, how long results still being waited for may hold the server. Default 10 s. */
  closeGraceMs?: number;
  /** How long a user group's members are trusted before asking Slack again. Default 60 s. */
  groupCacheMs?: number;
  /** The clock signatures are checked against (ms). */
  now?: () => number;
}

const REFUSED = "not a valid Slack request: its signature is missing or wrong, its timestamp is more than 5 minutes off, or it was already used";

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === "string" ? value : undefined;
}

/** The Web API base URL with the trailing slash the client appends method names to. */
const apiBase = (url: string) => (url.endsWith("/") ? url : `${url}/`);

function createBolt(settings: SlackSettings, receiver: FastifyReceiver, ctx: SlackContext): App {
  const logger = slackLogger(ctx.logger);
  const bolt = new App({
    receiver,
    // One workspace, one bot token: no auth.test round trip before each acknowledgement.
    authorize: async () => ({ botToken: settings.botToken }),
    clientOptions: { ...(settings.apiUrl ? { slackApiUrl: apiBase(settings.apiUrl) } : {}), logger, retryConfig: { retries: 2 } },
    logger,
    ignoreSelf: false,
    convoStore: false,
  });
  bolt.error(async (error) => {
    ctx.logger.error({ err: errorMessage(error), code: error.code }, "Slack listener failed");
  });
  registerCommands(bolt, ctx);
  registerApprovals(bolt, ctx);
  return bolt;
}

/**
 * The Slack area, to pass to buildServer's `areas`.
 * @example
 * const slack = readSlackSettings(process.env);
 * const server = await buildServer(deps, { areas: slack ? [createSlackArea(slack)] : [] });
 */
export function createSlackArea(settings: SlackSettings, options: SlackAreaOptions = {}): ApiArea {
  return async function slackArea(app: FastifyInstance, { deps }: { deps: ApiDeps }): Promise<void> {
    const logger = deps.logger.child({ area: "slack" });
    const audit = createSlackAudit(deps.store, logger);
    const tasks = createBackgroundTasks(logger);
    const closing = new AbortController();
    const ctx: SlackContext = {
      deps, audit, tasks, logger, closing: closing.signal,
      approvers: createRoster(settings.approvers, "approvers", logger, options.groupCacheMs ?? GROUP_CACHE_MS),
      authors: createRoster(settings.authors, "authors", logger, options.groupCacheMs ?? GROUP_CACHE_MS),
      maxChanges: settings.maxChanges ?? 0,
      resultTimeoutMs: options.resultTimeoutMs ?? 15 * 60_000,
    };
    const receiver = new FastifyReceiver(logger);
    createBolt(settings, receiver, ctx);
    const replay = options.replayGuard ?? replayGuardFor(deps.intents);
    const now = options.now ?? Date.now;

    // This plugin's context only: the rest of the API keeps JSON bodies. The raw text is what is signed.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser("*", { parseAs: "string" }, (_request, body, done) => done(null, body));

    function refuse(request: FastifyRequest, reason: string, detail: string): never {
      audit.record({ actor: "anonymous", result: "refused", detail: `POST ${request.url.split("?")[0] ?? ""}: ${reason} (${detail}; request ${request.id})` });
      logger.warn({ reason, detail, requestId: request.id }, "refused a Slack request");
      throw new AgpmError("UNAUTHORIZED", REFUSED);
    }

    async function handle(endpoint: SlackEndpoint, request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
      const rawBody = typeof request.body === "string" ? request.body : "";
      const signed = { timestamp: header(request, "x-slack-request-timestamp"), signature: header(request, "x-slack-signature"), rawBody };
      const verdict = verifySlackSignature(settings.signingSecret, signed, now());
      if (!verdict.ok) refuse(request, verdict.reason, verdict.detail);
      if (!(await onQueue(() => replay.firstSeen(verdict.signature)))) refuse(request, "replayed", "this signature was already used");
      // Slack checks the certificate of a slash command's URL now and then; it only wants a 200.
      if (new URLSearchParams(rawBody).get("ssl_check") === "1") return reply.code(200).send();
      const slack = parseSlackRequest(endpoint, header(request, "content-type"), rawBody);
      audit.record({ actor: slackActor(slack.userId), result: "received", detail: slack.summary, ...(slack.runId ? { runId: slack.runId } : {}) });
      const answer = await receiver.dispatch(slack.body, { ackTimeoutMs: options.ackTimeoutMs ?? 2_500 });
      if (!answer.acknowledged) {
        logger.warn({ endpoint, requestId: request.id }, "no Slack listener acknowledged the request");
        // Whoever typed the command would otherwise see nothing at all.
        if (endpoint === "commands") return { response_type: "ephemeral", text: `agpm could not answer this time (request ${request.id}); try again, or see the server log.` };
      }
      if (answer.response === undefined || answer.response === null || answer.response === "") return reply.code(200).send();
      const message = typeof answer.response === "string" ? { text: answer.response } : answer.response;
      return reply.code(200).type("application/json; charset=utf-8").send(message);
    }

    for (const endpoint of ["commands", "actions"] as const) {
      app.route({
        method: "POST",
        url: `/slack/${endpoint}`,
        bodyLimit: SLACK_BODY_LIMIT_BYTES,
        // Signed by Slack, not by an API token; audited here, with the Slack user, rather than by observe.ts.
        config: { access: "public", audit: "never" },
        handler: (request, reply) => handle(endpoint, request, reply),
      });
    }

    app.addHook("onClose", async () => {
      closing.abort();
      await receiver.stop();
      await tasks.drain(options.closeGraceMs ?? 10_000);
      await audit.flush();
    });
  };
}
