// Moved to contracts/report-schema.ts; this re-export keeps older imports working during issue 10.
export { ReportFindingSchema, RunReportSchema } from "../../contracts/report-schema.js";
export type { ReportFinding } from "../../contracts/report-schema.js";
