// The quick answers of `/agpm help`, `/agpm status` and `/agpm policies`, shown only to whoever asked.
import type { PolicySummary, Run } from "../store/index.js";
import { code, escapeMrkdwn, listSections, mention, section, truncate, type Block } from "./text.js";
import { slackUserOf } from "./actor.js";
import type { SlackMessage } from "./report-blocks.js";
import { plural } from "../core/plural.js";

export const LISTED_RUNS = 10;
const MAX_LISTED_POLICIES = 30;

const roster = (ids: readonly string[]) => ids.map((id) => (id.startsWith("S") ? `<!subteam^${id}>` : mention(id))).join(", ");

export function renderHelp(command: string, approvers: readonly string[], authors: readonly string[]): SlackMessage {
  const who = approvers.length === 0
    ? "No one may approve from Slack here (SLACK_APPROVERS is empty): approve with `agpm approve RUN_ID` or the HTTP API."
    : `Approvers: ${roster(approvers)}.`;
  const c = escapeMrkdwn(command);
  const writers = authors.length === 0
    ? `No one may state intents that store or change anything from Slack here (SLACK_AUTHORS and SLACK_APPROVERS are empty); everyone may \`${c} check\`.`
    : `Authors (may state intents that store or change anything; everyone else may \`${c} check\`): ${roster(authors)}.`;
  const blocks: Block[] = [
    section([
      "*agpm — policy as prompt*",
      `\`${c} <intent>\` — state a policy in plain words, e.g. \`${c} Ensure all S3 buckets are private and encrypted\`. agpm turns it into a policy, checks the account and posts the result here: the policy in plain words, the findings and the exact changes.`,
      "Changes are never made from Slack without an approver: when a run would change anything, its message gets *Approve* / *Reject* buttons.",
      `\`${c} check <intent>\` — what the intent would find, without storing a policy or changing anything.`,
      `\`${c} status\` — recent runs, and which wait for approval.`,
      `\`${c} policies\` — the policies in force.`,
      `\`${c} help\` — this message.`,
    ].join("\n")),
    section(`${writers}\n${who}`),
  ];
  return { text: `${command} <intent> | check <intent> | status | policies | help`, blocks };
}

function runLine(run: Run): string {
  const source = typeof run.options.source === "string" ? ` via ${escapeMrkdwn(run.options.source)}` : "";
  const slackUser = slackUserOf(run.actor);
  const actor = slackUser ? mention(slackUser) : code(run.actor);
  return `• ${code(run.id)} *${escapeMrkdwn(run.status)}* — ${escapeMrkdwn(truncate(run.intent, 120))} (${actor}${source}, ${run.updatedAt.slice(0, 16).replace("T", " ")} UTC)`;
}

export function renderStatus(recent: readonly Run[], awaiting: readonly Run[]): SlackMessage {
  const blocks: Block[] = [];
  if (awaiting.length > 0) {
    blocks.push(...listSections(`*Waiting for approval* (${awaiting.length})`, awaiting.map(runLine), LISTED_RUNS, "`agpm runs`"));
  } else {
    blocks.push(section("Nothing is waiting for approval."));
  }
  blocks.push(...(recent.length > 0
    ? listSections(`*Recent runs* (latest ${recent.length})`, recent.map(runLine), LISTED_RUNS, "`agpm runs`")
    : [section("No runs yet.")]));
  return { text: `agpm: ${plural(awaiting.length, "run")} waiting for approval, ${recent.length} recent`, blocks };
}

export function renderPolicies(policies: readonly PolicySummary[]): SlackMessage {
  if (policies.length === 0) return { text: "agpm: no policies yet", blocks: [section("No policies yet. State one: `/agpm Ensure all S3 buckets are private and encrypted`.")] };
  const lines = policies.map((p) =>
    `• *${escapeMrkdwn(truncate(p.title, 150))}* ${code(p.id)} v${p.version} · ${escapeMrkdwn(p.mode)} · ${escapeMrkdwn(p.status)} · ${plural(p.rules, "rule")} on ${p.kinds.map(code).join(", ")}`);
  const active = policies.filter((p) => p.status === "active").length;
  return {
    text: `agpm: ${plural(policies.length, "policy", "policies")} (${active} active)`,
    blocks: listSections(`*Policies* (${policies.length}, ${active} active)`, lines, MAX_LISTED_POLICIES, "`agpm policies`"),
  };
}
