// Turns file text or a value into a validated SandboxState, or refuses it naming the JSON path
// of the first problem (schema issues first, then duplicate ids).
import { AgpmError } from "../../../core/errors.js";
import { formatJsonPath } from "../../../core/json-path.js";
import { SANDBOX_LISTS, SandboxFileSchema } from "./schema.js";
import type { SandboxState } from "./schema.js";

interface Problem {
  path: ReadonlyArray<PropertyKey>;
  message: string;
}

function firstDuplicate(state: SandboxState): Problem | null {
  // Every list's items have unique ids (per region for ASGs and launch configurations), checked in file order.
  for (const rule of SANDBOX_LISTS) {
    const items = (state[rule.section] as Record<string, unknown>)[rule.list] as Array<Record<string, unknown>>;
    const seen = new Map<string, number>();
    for (const [index, item] of items.entries()) {
      const region = rule.perRegion ? String(item["Region"] ?? state.region) : "";
      const key = `${region}\u0000${String(item[rule.id])}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        const where = formatJsonPath([rule.section, rule.list, earlier, rule.id]);
        return { path: [rule.section, rule.list, index, rule.id], message: `duplicate ${rule.id} "${String(item[rule.id])}" (also at ${where})` };
      }
      seen.set(key, index);
    }
  }
  return null;
}

function refuse(source: string, problem: Problem): never {
  const path = formatJsonPath(problem.path);
  throw new AgpmError("SANDBOX_FILE_INVALID", `Sandbox file ${source} is invalid: ${path}: ${problem.message}`, {
    details: { file: source, path, problem: problem.message },
  });
}

/** Validates a parsed JSON value; throws SANDBOX_FILE_INVALID naming the first problem. */
export function parseSandboxValue(value: unknown, source = "(in memory)"): SandboxState {
  const result = SandboxFileSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    refuse(source, { path: issue?.path ?? [], message: issue?.message ?? "invalid" });
  }
  const duplicate = firstDuplicate(result.data);
  if (duplicate) refuse(source, duplicate);
  return result.data;
}

/** Parses file text (JSON) and validates it. */
export function parseSandboxText(text: string, source = "(in memory)"): SandboxState {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    refuse(source, { path: [], message: `not valid JSON (${(error as Error).message})` });
  }
  return parseSandboxValue(value, source);
}
