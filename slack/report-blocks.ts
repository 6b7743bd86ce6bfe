// A run report as a Slack message: the policy in plain words, the findings counts, the exact
// changes (before → after), and Approve / Reject buttons while the run waits for a person.
import type { RunReport } from "../agents/reporter/report.js";
import { code, context, escapeMrkdwn, listSections, mention, section, truncate, type Block } from "./text.js";
import { plural } from "../core/plural.js";

export const APPROVE_ACTION = "agpm_approve";
export const REJECT_ACTION = "agpm_reject";
export const DECISION_BLOCK = "agpm_decision";

/** Changes listed in one message; the rest are counted, with where to see them all. */
export const MAX_LISTED_CHANGES = 20;

/** Who decided on a paused run, and whether the worker has finished carrying the decision out. */
export interface DecisionNote {
  approved: boolean;
  /** The approver's Slack user id; or their actor (`token:lead`) when they decided elsewhere. */
  by: string;
  done: boolean;
}

export interface RenderOptions {
  /** Slack user id of whoever asked. */
  requester?: string;
  decision?: DecisionNote;
}

export interface SlackMessage {
  /** The notification and screen-reader text; blocks carry the detail. */
  text: string;
  blocks: Block[];
}

type Action = RunReport["actions"][number];

const STATUS: Record<RunReport["status"], string> = {
  "running": ":hourglass_flowing_sand: running",
  "awaiting-approval": ":raised_hand: waiting for approval",
  "completed": ":white_check_mark: completed",
  "rejected": ":no_entry_sign: rejected",
  "failed": ":x: failed",
  "needs-input": ":grey_question: needs input",
  "stale": ":hourglass: stale (overtaken; can no longer be approved)",
};

const ACTION_ICON: Record<string, string> = {
  planned: ":small_blue_diamond:", applied: ":arrow_right:", verified: ":white_check_mark:", failed: ":x:", manual: ":wrench:", skipped: ":fast_forward:", "pending-approval": ":raised_hand:", proposed: ":memo:",
};

function leaves(value: unknown, path: string, out: Map<string, unknown>): void {
  if (value !== null && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length > 0) {
    for (const [key, inner] of Object.entries(value)) leaves(inner, path ? `${path}.${key}` : key, out);
  } else if (path) {
    out.set(path, value);
  }
}

const shown = (value: unknown) => (value === undefined ? "—" : typeof value === "string" ? value : JSON.stringify(value));

/** The value at a path, or at its nearest ancestor when that is a leaf (`publicAccessBlock: null`). */
function valueAt(values: Map<string, unknown>, path: string): unknown {
  if (values.has(path)) return values.get(path);
  for (let cut = path.lastIndexOf("."); cut > 0; cut = path.lastIndexOf(".", cut - 1)) {
    const ancestor = path.slice(0, cut);
    if (values.has(ancestor)) return values.get(ancestor);
  }
  return undefined;
}

/** `encryption.enabled: false → true; encryption.algorithm: null → AES256`, field by field. */
export function describeChange(before: unknown, after: unknown): string {
  const was = new Map<string, unknown>();
  const will = new Map<string, unknown>();
  leaves(before, "", was);
  leaves(after, "", will);
  const all = [...new Set([...will.keys(), ...was.keys()])];
  // A leaf on one side that is an object on the other is shown through its fields.
  const paths = all.filter((p) => !all.some((q) => q.startsWith(`${p}.`)));
  return paths.map((p) => `${p}: ${shown(valueAt(was, p))} → ${shown(valueAt(will, p))}`).join("; ");
}

function actionLine(a: Action): string {
  const icon = ACTION_ICON[a.status] ?? "•";
  const head = `${icon} ${code(a.resourceId)} (${escapeMrkdwn(a.region)}) — ${code(a.action)}`;
  if (a.status === "manual") return `${head}: manual — ${escapeMrkdwn(truncate(a.detail ?? a.summary, 300))}`;
  const diff = describeChange(a.before, a.after);
  const failed = a.status === "failed" && a.detail ? ` — failed: ${escapeMrkdwn(truncate(a.detail, 200))}` : "";
  return `${head}: ${escapeMrkdwn(truncate(diff || a.summary, 300))}${failed}`;
}

/**
 * What a paused run would change. Its report carries no planned actions yet (the enforcer has not
 * run), so each failing finding whose rule has a remediation is one change: resource, action, and
 * the failing value against the required one.
 */
function awaitingLines(report: RunReport): string[] {
  const remediation = new Map((report.policy?.rules ?? []).map((r) => [r.id, r.remediation]));
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const f of report.findings) {
    const action = remediation.get(f.ruleId);
    if (f.status !== "fail" || !action) continue;
    const key = `${f.kind} ${f.region} ${f.resourceId} ${action}`;
    if (seen.has(key)) continue;
    seen.add(key);
    lines.push(`:small_blue_diamond: ${code(f.resourceId)} (${escapeMrkdwn(f.region)}) — ${code(action)}: ${escapeMrkdwn(truncate(f.reason, 300))}`);
  }
  return lines;
}

function changeBlocks(report: RunReport): Block[] {
  const more = `\`agpm findings --run ${report.runId}\``;
  if (report.actions.length > 0) {
    const heading = report.actions.every((a) => a.status === "planned" || a.status === "manual")
      ? `*Planned changes* (${report.actions.length}, dry run — nothing was changed)`
      : report.actions.every((a) => a.status === "proposed" || a.status === "manual")
        ? `*Proposed changes* (${report.actions.length}, edits to the files — nothing was changed)`
        : `*Changes* (${report.actions.length})`;
    return listSections(heading, report.actions.map(actionLine), MAX_LISTED_CHANGES, more);
  }
  if (report.status === "awaiting-approval") {
    const lines = awaitingLines(report);
    if (lines.length > 0) return listSections(`*Changes waiting for approval* (${lines.length})`, lines, MAX_LISTED_CHANGES, more);
  }
  return report.summary.failed > 0 && report.status === "completed" ? [section("*Changes:* none (check-only or audit-mode policy, or nothing agpm can fix in place)")] : [];
}

function approvalBlocks(report: RunReport): Block[] {
  const radius = report.blastRadius;
  const why = [
    radius && radius.resources > 0 ? `enforcement would change *${plural(radius.resources, "resource")}* (${plural(radius.changes, "change")})` : "",
    ...report.safety.map((s) => `:warning: ${escapeMrkdwn(s)}`),
  ].filter((l) => l.length > 0);
  return [section(`*Needs approval:* ${why.join("\n")}`)];
}

function decisionBlock(report: RunReport, d: DecisionNote): Block {
  if (!d.done) return section(`:hourglass_flowing_sand: ${d.approved ? "Approved" : "Rejected"} by ${mention(d.by)} — ${d.approved ? "applying the changes…" : "closing the run…"}`);
  if (!d.approved) return section(`:no_entry_sign: Rejected by ${mention(d.by)} — nothing was changed.`);
  const count = (status: string) => report.actions.filter((a) => a.status === status).length;
  const parts = [`${plural(count("verified"), "change")} verified`];
  if (count("failed") > 0) parts.push(`${count("failed")} failed`);
  if (count("manual") > 0) parts.push(`${count("manual")} need a manual fix`);
  return section(`:white_check_mark: Approved by ${mention(d.by)}: ${parts.join(", ")}.`);
}

function buttons(report: RunReport): Block {
  const radius = report.blastRadius;
  return {
    type: "actions",
    block_id: DECISION_BLOCK,
    elements: [
      {
        type: "button", action_id: APPROVE_ACTION, style: "primary", value: report.runId,
        text: { type: "plain_text", text: "Approve" },
        confirm: {
          title: { type: "plain_text", text: "Apply these changes?" },
          text: { type: "mrkdwn", text: `agpm will change ${radius ? plural(radius.resources, "resource") : "the listed resources"} and verify each change. Your name goes in the audit log.` },
          confirm: { type: "plain_text", text: "Approve" },
          deny: { type: "plain_text", text: "Cancel" },
        },
      },
      { type: "button", action_id: REJECT_ACTION, style: "danger", value: report.runId, text: { type: "plain_text", text: "Reject" } },
    ],
  };
}

/**
 * The message for a run report. Buttons appear only while the run waits for approval and no one
 * has decided yet.
 * @example const { text, blocks } = renderReport(report, { requester: "U024BE7LH" });
 */
export function renderReport(report: RunReport, options: RenderOptions = {}): SlackMessage {
  const title = report.policy?.title ?? "agpm run";
  const blocks: Block[] = [{ type: "header", text: { type: "plain_text", text: truncate(`agpm: ${title}`, 150) } }];
  const who = options.requester ? ` · asked by ${mention(options.requester)}` : "";
  blocks.push(section(`>${escapeMrkdwn(truncate(report.intent, 1000)).replace(/\n/g, "\n>")}\n${STATUS[report.status]} · run ${code(report.runId)}${who}`));
  if (report.policy) {
    const p = report.policy;
    blocks.push(section(`*Policy in plain words*\n${escapeMrkdwn(p.explanation)}`));
  }
  const s = report.summary;
  blocks.push({
    type: "section",
    text: { type: "mrkdwn", text: "*Findings* when the run checked the account" },
    fields: [
      { type: "mrkdwn", text: `*Resources*\n${s.resources}` },
      { type: "mrkdwn", text: `*Passing*\n${s.passed}` },
      { type: "mrkdwn", text: `*Failing*\n${s.failed}` },
      { type: "mrkdwn", text: `*Errors*\n${s.errors}` },
      { type: "mrkdwn", text: `*Skipped (exempt)*\n${s.skipped}` },
    ],
  });
  if (report.status === "awaiting-approval" && !options.decision) blocks.push(...approvalBlocks(report));
  blocks.push(...changeBlocks(report));
  if (report.error) blocks.push(section(`:x: *${escapeMrkdwn(report.error.code)}*: ${escapeMrkdwn(report.error.message)}`));
  if (options.decision) blocks.push(decisionBlock(report, options.decision));
  if (report.status === "awaiting-approval" && !options.decision) blocks.push(buttons(report));
  const notes = [...report.notes, ...report.collectionErrors];
  if (notes.length > 0) blocks.push(context(notes.map((n) => escapeMrkdwn(n)).join("\n")));
  // Slack's limit is 50 blocks; the lists above are bounded, this is the backstop.
  const text = `agpm: ${truncate(title, 100)} — ${STATUS[report.status].replace(/^:[a-z_]+: /, "")}; ${s.failed} failing of ${s.resources}`;
  return { text, blocks: blocks.slice(0, 50) };
}

/** A finished or still-running job as a message: its report when there is one, else why there is none. */
export function renderOutcome(outcome: { state: string; report: RunReport | null; failure: { code: string; message: string } | null }, runId: string, options: RenderOptions = {}): SlackMessage {
  if (outcome.report) {
    const rendered = renderReport(outcome.report, options);
    // The report's own error says it when the run failed in the graph; a failure of the job itself is added.
    if (outcome.failure && !outcome.report.error) rendered.blocks.push(section(`:x: *${escapeMrkdwn(outcome.failure.code)}*: ${escapeMrkdwn(outcome.failure.message)}`));
    return rendered;
  }
  if (outcome.failure) {
    return {
      text: `agpm: run ${runId} failed — ${outcome.failure.code}`,
      blocks: [section(`:x: Run ${code(runId)} failed — *${escapeMrkdwn(outcome.failure.code)}*: ${escapeMrkdwn(outcome.failure.message)}`)],
    };
  }
  return {
    text: `agpm: run ${runId} is still going`,
    blocks: [section(`:hourglass_flowing_sand: Run ${code(runId)} is still going (${escapeMrkdwn(outcome.state)}). Follow it with \`agpm runs\` or \`GET /v1/runs/${runId}\`.`)],
  };
}
