// Writes the JSON Schemas of the queue contracts — job payloads and results — to schemas/, for
// services written in other languages (`npm run docs:schemas`). A test fails when they drift.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import { RunReportSchema } from "../contracts/report-schema.js";
import { IntentJobDataSchema, ResumeJobDataSchema } from "../contracts/intents-queue.js";
import { SweepJobDataSchema } from "../contracts/sweeps-queue.js";

export const SCHEMAS_DIR = join(import.meta.dirname, "..", "schemas");

/** File name → schema document. Inputs are described as producers write them (defaults optional). */
export function jsonSchemas(): Record<string, unknown> {
  const doc = (title: string, schema: z.ZodType, io: "input" | "output") => ({
    $id: `https://agpm.dev/schemas/${title}.schema.json`,
    title,
    ...z.toJSONSchema(schema, { io, unrepresentable: "any" }),
  });
  return {
    "intent-job.schema.json": doc("intent-job", IntentJobDataSchema, "input"),
    "resume-job.schema.json": doc("resume-job", ResumeJobDataSchema, "input"),
    "sweep-job.schema.json": doc("sweep-job", SweepJobDataSchema.omit({ sweepId: true, startedAt: true, step: true, folded: true, missing: true }), "input"),
    "run-report.schema.json": doc("run-report", RunReportSchema, "output"),
  };
}

export function render(schema: unknown): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  mkdirSync(SCHEMAS_DIR, { recursive: true });
  for (const [file, schema] of Object.entries(jsonSchemas())) writeFileSync(join(SCHEMAS_DIR, file), render(schema));
  console.log(`wrote ${Object.keys(jsonSchemas()).length} schemas to schemas/`);
}
