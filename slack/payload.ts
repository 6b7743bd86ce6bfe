// The two bodies Slack posts, both application/x-www-form-urlencoded: a slash command's fields,
// and an interaction's JSON in a `payload` field. Checked only as far as agpm relies on them.
import { z } from "zod";
import { AgpmError } from "../core/errors.js";
import { describeFirstIssue } from "../core/zod-issue.js";

export type SlackEndpoint = "commands" | "actions";

const UserId = z.string().regex(/^[UW][A-Z0-9]+$/, "a Slack user id");

const SlashCommandSchema = z.looseObject({
  command: z.string().regex(/^\/\S+$/, "a slash command"),
  text: z.string().max(4000).default(""),
  user_id: UserId,
  channel_id: z.string().min(1),
  team_id: z.string().min(1),
});

const InteractionSchema = z.looseObject({
  type: z.string().min(1),
  user: z.looseObject({ id: UserId }),
  actions: z.array(z.looseObject({ action_id: z.string(), value: z.string().optional() })).optional(),
});

export interface SlackRequest {
  body: Record<string, unknown>;
  /** The Slack user who sent it (verified: the body is signed). */
  userId: string;
  /** What was asked, in a line, for the audit log. */
  summary: string;
  /** The run a button names, when it names one. */
  runId?: string;
}

const invalid = (message: string) => new AgpmError("INPUT_INVALID", message);

/**
 * Parses a verified body for its endpoint.
 * @throws AgpmError INPUT_INVALID when the body is not form-encoded or not what the endpoint takes.
 */
export function parseSlackRequest(endpoint: SlackEndpoint, contentType: string | undefined, rawBody: string): SlackRequest {
  if (!(contentType ?? "").toLowerCase().startsWith("application/x-www-form-urlencoded")) {
    throw invalid("Slack requests are sent as application/x-www-form-urlencoded");
  }
  const form = Object.fromEntries(new URLSearchParams(rawBody));
  if (endpoint === "commands") {
    const parsed = SlashCommandSchema.safeParse(form);
    if (!parsed.success) throw invalid(`not a slash command: ${describeFirstIssue(parsed.error)}`);
    const c = parsed.data;
    return { body: c, userId: c.user_id, summary: `${c.command} ${c.text}`.trim() };
  }
  let json: unknown;
  try {
    json = JSON.parse(form.payload ?? "");
  } catch {
    throw invalid("an interaction carries its JSON in the payload field");
  }
  const parsed = InteractionSchema.safeParse(json);
  if (!parsed.success) throw invalid(`not a Slack interaction: ${describeFirstIssue(parsed.error)}`);
  const p = parsed.data;
  const first = p.actions?.[0];
  const runId = first?.value && /^run_[0-9a-z]{1,64}$/.test(first.value) ? first.value : undefined;
  return {
    body: p,
    userId: p.user.id,
    summary: first ? `${p.type} ${first.action_id}${first.value ? ` ${first.value.slice(0, 200)}` : ""}` : p.type,
    ...(runId ? { runId } : {}),
  };
}
