// agpm's queue client: what other services import to hand agpm work and read the result.
// Everything here goes through the typed queue contracts the workers validate; the JSON
// Schemas of the same payloads and results are in schemas/ for services in other languages.
export {
  openIntentsQueue,
  openSweepsQueue,
  requestSweep,
  submitDecision,
  submitIntent,
  waitForResult,
} from "./producer.js";
export type { IntentsProducer, IntentsQueue, Producer, SubmitOptions, SweepsProducer, SweepsQueue } from "./producer.js";
export {
  INTENT_JOB_NAMES,
  INTENTS_QUEUE,
  IntentJobDataSchema,
  MAX_INTENT_PAYLOAD_BYTES,
  ResumeJobDataSchema,
} from "../contracts/intents-queue.js";
export type { IntentJobData, IntentJobInput, IntentJobName, IntentJobResult, ResumeJobData, ResumeJobInput } from "../contracts/intents-queue.js";
export { SWEEPS_QUEUE, SweepJobDataSchema } from "../contracts/sweeps-queue.js";
export type { SweepJobInput, SweepResult } from "../contracts/sweeps-queue.js";
export { listSchedules, removeSchedule, upsertSchedule } from "./schedules.js";
export type { ScheduleInfo, ScheduleSpecInput } from "./schedules.js";
export { RunReportSchema } from "../contracts/report-schema.js";
export type { RunReport } from "../contracts/run-report.js";
export type { QueueConnectionSettings } from "./connection.js";
