// What the Slack listeners share: the server's dependencies and the area's own parts, and the
// ways agpm speaks back (to the channel, to one user, or by editing its message).
import type { RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { ApiDeps } from "../api/deps.js";
import { errorMessage } from "../core/errors.js";
import type { Logger } from "../observability/index.js";
import type { Approvers, Authors } from "./approvers.js";
import type { SlackAudit } from "./audit.js";
import type { SlackMessage } from "./report-blocks.js";
import type { BackgroundTasks } from "./tasks.js";

export interface SlackContext {
  deps: ApiDeps;
  approvers: Approvers;
  authors: Authors;
  audit: SlackAudit;
  tasks: BackgroundTasks;
  logger: Logger;
  /** Resources a Slack intent may change before it pauses for approval. */
  maxChanges: number;
  /** How long to wait for a run before posting "still going". */
  resultTimeoutMs: number;
  /** Aborted when the server closes: waits end early and say the run is still going. */
  closing: AbortSignal;
}

/** Where a reply goes: a channel, the user who acted there, and the request's response_url as a fallback. */
export interface Reply {
  client: WebClient;
  channel: string;
  user: string;
  respond?: RespondFn;
}

/** A message only `reply.user` sees. The Web API first; the response_url when the bot is not in the channel. */
export async function tellUser(ctx: SlackContext, reply: Reply, message: SlackMessage): Promise<void> {
  try {
    await reply.client.chat.postEphemeral({ channel: reply.channel, user: reply.user, text: message.text, blocks: message.blocks });
  } catch (error) {
    ctx.logger.warn({ err: errorMessage(error) }, "chat.postEphemeral failed; answering through the response_url");
    await reply.respond?.({ response_type: "ephemeral", replace_original: false, text: message.text, blocks: message.blocks });
  }
}

/** A message to the channel; through the slash command's response_url when the bot may not post there. */
export async function postToChannel(ctx: SlackContext, reply: Reply, message: SlackMessage): Promise<void> {
  try {
    await reply.client.chat.postMessage({ channel: reply.channel, text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false });
  } catch (error) {
    ctx.logger.warn({ err: errorMessage(error) }, "chat.postMessage failed; posting through the response_url");
    await reply.respond?.({ response_type: "in_channel", text: message.text, blocks: message.blocks });
  }
}

/** Replaces agpm's message `ts` in the channel (the one with the buttons). */
export async function updateMessage(ctx: SlackContext, reply: Reply, ts: string, message: SlackMessage): Promise<void> {
  try {
    await reply.client.chat.update({ channel: reply.channel, ts, text: message.text, blocks: message.blocks });
  } catch (error) {
    ctx.logger.warn({ err: errorMessage(error) }, "chat.update failed; replacing the message through the response_url");
    await reply.respond?.({ replace_original: true, text: message.text, blocks: message.blocks });
  }
}
