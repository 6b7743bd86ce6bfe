// How much of a report a command prints: JSON lists every evaluated pair unless --quiet; text lists
// only what needs attention unless --all, so a large account's passes never drown the failures.
import { z } from "zod";

export const ReportViewFlagsSchema = z.object({
  json: z.boolean().default(false),
  /** Keep only failing and erroring findings (the summary counts stay whole). */
  quiet: z.boolean().default(false),
  /** Text output: list passing and skipped findings too. */
  all: z.boolean().default(false),
});
export type ReportView = z.infer<typeof ReportViewFlagsSchema>;
