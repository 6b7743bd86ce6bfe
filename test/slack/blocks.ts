// Reading what agpm posted: the text of a message's blocks, and its buttons.
import type { SlackCall } from "./slack-stub.js";

interface TextObject {
  text?: string;
}
interface AnyBlock {
  type: string;
  text?: TextObject;
  fields?: TextObject[];
  elements?: Array<TextObject & { action_id?: string; value?: string; style?: string; type?: string }>;
}

export function blocksOf(call: SlackCall): AnyBlock[] {
  return Array.isArray(call.body.blocks) ? (call.body.blocks as AnyBlock[]) : [];
}

/** Every text in the blocks, one per line, as Slack would render them (mrkdwn source). */
export function textOf(call: SlackCall): string {
  return blocksOf(call)
    .flatMap((b) => [b.text?.text, ...(b.fields ?? []).map((f) => f.text), ...(b.type === "context" ? (b.elements ?? []).map((e) => e.text) : [])])
    .filter((t): t is string => typeof t === "string")
    .join("\n");
}

export function buttonsOf(call: SlackCall): Array<{ action_id?: string; value?: string; style?: string }> {
  return blocksOf(call)
    .filter((b) => b.type === "actions")
    .flatMap((b) => (b.elements ?? []).map(({ action_id, value, style }) => ({ action_id, value, style })));
}
