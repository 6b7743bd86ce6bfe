// Slack settings read from an environment object the caller passes in (`agpm serve` passes its
// own), kept apart from core/config.ts so Slack stays optional: no variables, no Slack area.
import { z } from "zod";
import { AgpmError } from "../core/errors.js";
import { describeFirstIssue } from "../core/zod-issue.js";

/** A Slack user (U…, W… on Enterprise Grid) or user group (S…) id. */
const SlackIdSchema = z.string().regex(/^[UWS][A-Z0-9]{2,}$/, "Slack user ids (U…, W…) or user group ids (S…), comma-separated");

/** Comma-separated Slack ids, deduplicated. */
const SlackIdListSchema = z.string().transform((value, ctx) => {
  const ids = value.split(",").map((s) => s.trim()).filter((s) => s.length > 0);
  for (const id of ids) {
    const parsed = SlackIdSchema.safeParse(id);
    if (!parsed.success) ctx.addIssue({ code: "custom", message: `"${id}" is not ${parsed.error.issues[0]?.message ?? "a Slack id"}` });
  }
  return [...new Set(ids)];
});

export const SlackEnvSchema = z.object({
  /** Signs every request Slack sends (App settings → Basic Information → Signing Secret). */
  SLACK_SIGNING_SECRET: z.string().min(1, "required"),
  /** The bot token agpm posts with (xoxb-…): chat:write, and usergroups:read when approvers name groups. */
  SLACK_BOT_TOKEN: z.string().regex(/^xox[a-z]-\S+$/, "a Slack token such as xoxb-…"),
  /** Who may press Approve / Reject. Empty: nobody approves from Slack (use the API or the CLI). */
  SLACK_APPROVERS: SlackIdListSchema.default([]),
  /**
   * Who may state intents that store or change anything (create, update, exempt, retire, apply).
   * Unset: the approvers — people trusted with changes already — never "anyone in the workspace".
   */
  SLACK_AUTHORS: SlackIdListSchema.optional(),
  /** Web API base URL; default https://slack.com/api/ (a proxy, or a stand-in for tests). */
  SLACK_API_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Changes a Slack intent may make without an approver's click. Default 0: every change waits for one. */
  SLACK_MAX_CHANGES: z.coerce.number().int().min(0).default(0),
});

export interface SlackSettings {
  signingSecret: string;
  botToken: string;
  /** Slack user ids (U…, W…) and user group ids (S…). */
  approvers: readonly string[];
  /** Who may state intents that store or change anything; the rest may only `check`. */
  authors: readonly string[];
  /** Web API base URL; Slack's own when absent. */
  apiUrl?: string;
  /** Resources an intent from Slack may change before it pauses for approval; default 0. */
  maxChanges?: number;
}

const blank = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : v);

/**
 * Slack settings from an environment, or null when Slack is not configured (neither the signing
 * secret nor the bot token is set).
 * @throws AgpmError CONFIG_INVALID when Slack is half-configured or a value is malformed.
 * @example const slack = readSlackSettings(process.env); if (slack) areas.push(createSlackArea(slack));
 */
export function readSlackSettings(env: Readonly<Record<string, string | undefined>>): SlackSettings | null {
  const raw = {
    SLACK_SIGNING_SECRET: blank(env.SLACK_SIGNING_SECRET),
    SLACK_BOT_TOKEN: blank(env.SLACK_BOT_TOKEN),
    SLACK_APPROVERS: blank(env.SLACK_APPROVERS),
    SLACK_AUTHORS: blank(env.SLACK_AUTHORS),
    SLACK_API_URL: blank(env.SLACK_API_URL),
    SLACK_MAX_CHANGES: blank(env.SLACK_MAX_CHANGES),
  };
  if (raw.SLACK_SIGNING_SECRET === undefined && raw.SLACK_BOT_TOKEN === undefined) return null;
  const parsed = SlackEnvSchema.safeParse(raw);
  if (!parsed.success) throw new AgpmError("CONFIG_INVALID", `invalid Slack configuration at ${describeFirstIssue(parsed.error)}`);
  const { data } = parsed;
  return {
    signingSecret: data.SLACK_SIGNING_SECRET,
    botToken: data.SLACK_BOT_TOKEN,
    approvers: data.SLACK_APPROVERS,
    authors: data.SLACK_AUTHORS ?? data.SLACK_APPROVERS,
    ...(data.SLACK_API_URL ? { apiUrl: data.SLACK_API_URL } : {}),
    maxChanges: data.SLACK_MAX_CHANGES,
  };
}
