// The Approve / Reject buttons. Only approvers (SLACK_APPROVERS) decide; anyone else is told so,
// privately, and the refusal is audited. A decision goes on the intents queue as a `resume` job by
// `slack:<user>`, the message loses its buttons at once, and shows the outcome when the worker is done.
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import type { RunReport } from "../agents/reporter/report.js";
import { decidableRun } from "../agents/approval/stale.js";
import { onQueue } from "../api/jobs.js";
import { isAgpmError } from "../core/errors.js";
import { submitDecision } from "../client/producer.js";
import { tellUser, updateMessage, type Reply, type SlackContext } from "./context.js";
import { slackActor, slackUserOf } from "./actor.js";
import { waitForOutcome } from "./outcome.js";
import { APPROVE_ACTION, REJECT_ACTION, renderOutcome, renderReport, type DecisionNote } from "./report-blocks.js";
import { code, section } from "./text.js";

const RUN_ID = /^run_[0-9a-z]{1,64}$/;

interface Click {
  runId: string;
  approved: boolean;
  /** The message holding the buttons. */
  ts: string;
}

const say = (text: string) => ({ text, blocks: [section(text)] });

async function decide(ctx: SlackContext, reply: Reply, click: Click): Promise<void> {
  const verb = click.approved ? "approve" : "reject";
  if (!(await ctx.approvers.allows(reply.user, reply.client))) {
    ctx.audit.record({ actor: slackActor(reply.user), result: "refused", runId: click.runId, detail: `${verb} ${click.runId}: not an approver (SLACK_APPROVERS)` });
    await tellUser(ctx, reply, say(`:no_entry: Only agpm approvers may ${verb} runs, and you are not one of them. The request was recorded in the audit log.`));
    return;
  }
  let run;
  try {
    run = await decidableRun(ctx.deps.store, click.runId);
  } catch (error) {
    if (!isAgpmError(error)) throw error;
    // Stale runs say what overtook their plan; the buttons are of no use any more.
    const status = typeof error.details.status === "string" ? error.details.status : null;
    const why = error.code === "RUN_NOT_AWAITING_APPROVAL" && status ? `Run ${code(click.runId)} is ${status}, not waiting for approval` : error.message;
    await tellUser(ctx, reply, say(`${why}; nothing was done.`));
    return;
  }
  const requester = slackUserOf(run.actor);
  const options = (decision: DecisionNote) => ({ ...(requester ? { requester } : {}), decision });
  // The buttons go at once, so a second click cannot queue a second decision.
  const paused = run.result as RunReport | null;
  if (paused) await updateMessage(ctx, reply, click.ts, renderReport(paused, options({ approved: click.approved, by: reply.user, done: false })));
  const { jobId } = await onQueue(() => submitDecision(ctx.deps.intents, {
    runId: click.runId, approved: click.approved, by: slackActor(reply.user), source: "slack",
  }));
  const outcome = await waitForOutcome(ctx.deps, click.runId, jobId, ctx.resultTimeoutMs, ctx.closing);
  if (outcome.state !== "completed" && outcome.state !== "failed") {
    // Still going: the message keeps saying "applying…"; only the approver hears about the wait.
    await tellUser(ctx, reply, renderOutcome(outcome, click.runId));
    return;
  }
  // Two approvers clicking at once share one decision (the first queued); the run says whose it was.
  const decided = outcome.report?.approval;
  const decision = decided
    ? { approved: decided.approved, by: slackUserOf(decided.by) ?? decided.by, done: true }
    : { approved: click.approved, by: reply.user, done: true };
  await updateMessage(ctx, reply, click.ts, renderOutcome(outcome, click.runId, options(decision)));
}

export function registerApprovals(app: App, ctx: SlackContext): void {
  app.action<BlockAction<ButtonAction>>(new RegExp(`^(${APPROVE_ACTION}|${REJECT_ACTION})$`), async ({ ack, body, action, client, respond }) => {
    await ack();
    const channel = body.channel?.id ?? (typeof body.container.channel_id === "string" ? body.container.channel_id : undefined);
    const ts = body.message?.ts ?? (typeof body.container.message_ts === "string" ? body.container.message_ts : undefined);
    const reply: Reply = { client, channel: channel ?? "", user: body.user.id, respond };
    if (!channel || !ts || !RUN_ID.test(action.value ?? "")) {
      ctx.tasks.run("slack decision", () => tellUser(ctx, reply, say("This button does not belong to an agpm run message.")));
      return;
    }
    const click = { runId: action.value ?? "", approved: action.action_id === APPROVE_ACTION, ts };
    ctx.tasks.run("slack decision", () => decide(ctx, reply, click));
  });
}
