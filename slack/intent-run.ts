// `/agpm <intent>` after Slack has had its "Working on it…": the intent goes on the intents queue as
// a `run` that applies — but a Slack run may change at most `maxChanges` resources (default 0)
// without an approver, so in practice every change waits for an Approve click — or, for
// `/agpm check <intent>`, as a `check` that stores and changes nothing; then the result is posted
// to the channel.
import { AgpmError, isAgpmError, errorMessage } from "../core/errors.js";
import { findJob, onQueue, rememberRunJob, runIdOf } from "../api/jobs.js";
import { publicMessage } from "../api/errors.js";
import { newId } from "../store/index.js";
import { submitIntent } from "../client/producer.js";
import { postToChannel, tellUser, type Reply, type SlackContext } from "./context.js";
import { waitForOutcome } from "./outcome.js";
import { renderOutcome } from "./report-blocks.js";
import { slackActor } from "./actor.js";
import { section } from "./text.js";
import type { IntentCommandName } from "../contracts/intents-queue.js";

export async function runIntentFromSlack(ctx: SlackContext, reply: Reply, intent: string, command: IntentCommandName = "run"): Promise<void> {
  const chosen = newId("run");
  let jobId: string;
  try {
    ({ jobId } = await onQueue(() => submitIntent(ctx.deps.intents, {
      intent,
      options: {
        apply: command === "run", autoApprove: false, maxChanges: ctx.maxChanges, target: ctx.deps.target,
        source: "slack", requester: slackActor(reply.user), runId: chosen,
      },
    }, { name: command })));
  } catch (error) {
    const failure = isAgpmError(error) ? error : new AgpmError("INTERNAL", errorMessage(error));
    ctx.logger.warn({ err: failure.message, code: failure.code }, "could not queue a Slack intent");
    const text = `agpm could not queue this intent — ${failure.code}: ${publicMessage(failure.code, failure.message)}`;
    await tellUser(ctx, reply, { text, blocks: [section(`:x: ${text}`)] });
    return;
  }
  // The same request made twice within a minute folds into the first job, whose run is the one to follow.
  const job = await findJob(ctx.deps.intents, jobId);
  const runId = (job && runIdOf(job)) ?? chosen;
  await rememberRunJob(ctx.deps.intents, runId, jobId);
  const outcome = await waitForOutcome(ctx.deps, runId, jobId, ctx.resultTimeoutMs, ctx.closing);
  await postToChannel(ctx, reply, renderOutcome(outcome, runId, { requester: reply.user }));
}
