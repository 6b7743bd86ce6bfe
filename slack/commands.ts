// The slash command: `help`, `status` and `policies` are answered in the acknowledgement itself
// (quick store reads, seen only by whoever asked); `check <intent>` and any other text are intents,
// acknowledged with "Working on it…" at once and run in the background. Anyone may check; only
// authors (SLACK_AUTHORS) may state intents that store policies or change resources.
import type { App } from "@slack/bolt";
import { IntentJobDataSchema, type IntentCommandName } from "../contracts/intents-queue.js";
import { slackActor } from "./actor.js";
import { LISTED_RUNS, renderHelp, renderPolicies, renderStatus } from "./command-blocks.js";
import type { SlackContext } from "./context.js";
import { runIntentFromSlack } from "./intent-run.js";
import { escapeMrkdwn, section, truncate } from "./text.js";

const IntentTextSchema = IntentJobDataSchema.shape.intent;

/** `check <intent>` runs agpm's check command; anything else is a run. */
function parseIntentCommand(text: string): { command: IntentCommandName; intent: string } {
  const check = /^check\s+([\s\S]+)$/i.exec(text);
  return check?.[1] ? { command: "check", intent: check[1].trim() } : { command: "run", intent: text };
}

export function registerCommands(app: App, ctx: SlackContext): void {
  // Any command name: the request URL is agpm's alone, whatever the workspace named the command.
  app.command(/^\/\S+$/, async ({ command, ack, client, respond }) => {
    const text = command.text.trim();
    const word = text.toLowerCase();
    if (word === "" || word === "help") {
      await ack({ response_type: "ephemeral", ...renderHelp(command.command, ctx.approvers.ids, ctx.authors.ids) });
      return;
    }
    if (word === "status") {
      const [recent, awaiting] = await Promise.all([
        ctx.deps.store.runs.listRuns({ limit: LISTED_RUNS }),
        ctx.deps.store.runs.listRuns({ status: "awaiting-approval", limit: 100 }),
      ]);
      await ack({ response_type: "ephemeral", ...renderStatus(recent, awaiting) });
      return;
    }
    if (word === "policies") {
      await ack({ response_type: "ephemeral", ...renderPolicies(await ctx.deps.store.policies.listPolicies()) });
      return;
    }
    if (word === "check") {
      await ack({ response_type: "ephemeral", text: `Say what to check: \`${command.command} check <intent>\`, e.g. \`${command.command} check No bucket may be public\`.` });
      return;
    }
    const asked = parseIntentCommand(text);
    const checked = IntentTextSchema.safeParse(asked.intent);
    if (!checked.success) {
      const why = checked.error.issues[0]?.message ?? "invalid intent";
      await ack({ response_type: "ephemeral", text: `agpm cannot take this intent: ${why}. Try \`${command.command} help\`.` });
      return;
    }
    // A run may create, update, exempt or retire a policy (none of which waits for an approver), so
    // it is the author's right; a check stores and changes nothing.
    if (asked.command === "run" && !(await ctx.authors.allows(command.user_id, client))) {
      ctx.audit.record({ actor: slackActor(command.user_id), result: "refused", detail: `intent "${truncate(checked.data, 200)}": not an author (SLACK_AUTHORS)` });
      const c = escapeMrkdwn(command.command);
      const refusal = `:no_entry: Only agpm authors may state intents that create, update, exempt or retire policies or change resources, and you are not one of them. \`${c} check <intent>\` shows what an intent would find without storing or changing anything. The request was recorded in the audit log.`;
      await ack({ response_type: "ephemeral", text: refusal, blocks: [section(refusal)] });
      return;
    }
    const quoted = escapeMrkdwn(truncate(checked.data, 300));
    await ack({
      response_type: "ephemeral",
      text: "Working on it…",
      blocks: [section(`:hourglass_flowing_sand: Working on it… agpm is checking _${quoted}_. The result will be posted in this channel.`)],
    });
    const reply = { client, channel: command.channel_id, user: command.user_id, respond };
    ctx.tasks.run("slack intent", () => runIntentFromSlack(ctx, reply, checked.data, asked.command));
  });
}
