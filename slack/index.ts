// Public surface of the Slack intake: the API area, its settings, and the pieces tests and
// operators reach for (signing, rendering).
export { createSlackArea, SLACK_BODY_LIMIT_BYTES } from "./area.js";
export type { SlackAreaOptions } from "./area.js";
export { readSlackSettings, SlackEnvSchema } from "./config.js";
export type { SlackSettings } from "./config.js";
export { signSlackRequest, verifySlackSignature, SIGNATURE_TOLERANCE_SECONDS } from "./verify.js";
export type { SignatureRefusal, SignatureVerdict, SignedRequest } from "./verify.js";
export { memoryReplayGuard, redisReplayGuard, REPLAY_MEMORY_SECONDS } from "./replay.js";
export type { ReplayGuard } from "./replay.js";
export { APPROVE_ACTION, DECISION_BLOCK, REJECT_ACTION, describeChange, renderOutcome, renderReport } from "./report-blocks.js";
export type { DecisionNote, RenderOptions, SlackMessage } from "./report-blocks.js";
export { SLACK_AUDIT_ACTION } from "./audit.js";
export { slackActor, slackUserOf } from "./actor.js";
