// The slash command: `help`, `status` and `policies` are answered in the acknowledgement itself
// (quick store reads, seen only by whoever asked); anything else is an intent, acknowledged with
// "Working on it…" at once and run in the background.
import type { App } from "@slack/bolt";
import { IntentJobDataSchema } from "../workers/intents-queue.js";
import { LISTED_RUNS, renderHelp, renderPolicies, renderStatus } from "./command-blocks.js";
import type { SlackContext } from "./context.js";
import { runIntentFromSlack } from "./intent-run.js";
import { escapeMrkdwn, section, truncate } from "./text.js";

const IntentTextSchema = IntentJobDataSchema.shape.intent;

export function registerCommands(app: App, ctx: SlackContext): void {
  // Any command name: the request URL is agpm's alone, whatever the workspace named the command.
  app.command(/^\/\S+$/, async ({ command, ack, client, respond }) => {
    const text = command.text.trim();
    const word = text.toLowerCase();
    if (word === "" || word === "help") {
      await ack({ response_type: "ephemeral", ...renderHelp(command.command, ctx.approvers.ids) });
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
    const checked = IntentTextSchema.safeParse(text);
    if (!checked.success) {
      const why = checked.error.issues[0]?.message ?? "invalid intent";
      await ack({ response_type: "ephemeral", text: `agpm cannot take this intent: ${why}. Try \`${command.command} help\`.` });
      return;
    }
    const quoted = escapeMrkdwn(truncate(checked.data, 300));
    await ack({
      response_type: "ephemeral",
      text: "Working on it…",
      blocks: [section(`:hourglass_flowing_sand: Working on it… agpm is checking _${quoted}_. The result will be posted in this channel.`)],
    });
    const reply = { client, channel: command.channel_id, user: command.user_id, respond };
    ctx.tasks.run("slack intent", () => runIntentFromSlack(ctx, reply, checked.data));
  });
}
