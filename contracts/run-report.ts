// The run report's type as other services read it: the output of the published schema, so the two cannot drift.
import type { z } from "zod";
import type { RunReportSchema } from "./report-schema.js";

export type RunReport = z.output<typeof RunReportSchema>;
