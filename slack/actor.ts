// How a Slack user appears as agpm's actor — on runs, decisions and audit events — and back.

/** `slack:U024BE7LH`: the run's requester, a decision's `by`, the audit log's actor. */
export const slackActor = (userId: string) => `slack:${userId}`;

/** The Slack user id in an actor made by {@link slackActor}; undefined for any other actor. */
export function slackUserOf(actor: string): string | undefined {
  return /^slack:([UW][A-Z0-9]+)\b/.exec(actor)?.[1];
}
