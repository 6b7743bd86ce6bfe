// One line for the first problem zod found: "options.target: Required" — what people and
// job failure reasons show.
import type { z } from "zod";
import { formatJsonPath } from "./json-path.js";

export function describeFirstIssue(error: z.ZodError, fallback = "invalid"): string {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? `${formatJsonPath(issue.path).slice(2)}: ` : "";
  return `${where}${issue?.message ?? fallback}`;
}
