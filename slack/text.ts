// Slack mrkdwn from text agpm does not control (intents, resource ids, reasons): escaped so that
// it can neither mention (`<!channel>`, `<@U…>`) nor link, and cut to Slack's field limits.
import type { types } from "@slack/bolt";

export type Block = types.KnownBlock;

/** Slack's limit for a section's text is 3000 characters; leave room for the markup around it. */
export const SECTION_TEXT_LIMIT = 2900;

export function escapeMrkdwn(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function truncate(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, Math.max(0, max - 1))}…`;
}

/** Inline code; a backtick inside would end the span, so it becomes a quote. */
export function code(value: string): string {
  return `\`${escapeMrkdwn(value).replace(/`/g, "'")}\``;
}

/** A Slack user mention from a user id (ids are checked, so nothing else can be smuggled in). */
export function mention(userId: string): string {
  return /^[UW][A-Z0-9]+$/.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId);
}

export function section(text: string): Block {
  return { type: "section", text: { type: "mrkdwn", text: truncate(text, SECTION_TEXT_LIMIT) } };
}

export function context(text: string): Block {
  return { type: "context", elements: [{ type: "mrkdwn", text: truncate(text, SECTION_TEXT_LIMIT) }] };
}

/**
 * Sections holding `lines` under a heading, split where one would pass Slack's limit, listing at
 * most `maxLines` and saying how many more there are and where to see them.
 */
export function listSections(heading: string, lines: readonly string[], maxLines: number, more: string): Block[] {
  const shown = lines.slice(0, maxLines).map((l) => truncate(l, 600));
  if (lines.length > maxLines) shown.push(`…and ${lines.length - maxLines} more: ${more}`);
  const blocks: Block[] = [];
  let current = heading;
  for (const line of shown) {
    if (current.length + line.length + 1 > SECTION_TEXT_LIMIT) {
      blocks.push(section(current));
      current = line;
    } else {
      current = current.length > 0 ? `${current}\n${line}` : line;
    }
  }
  if (current.length > 0) blocks.push(section(current));
  return blocks;
}
